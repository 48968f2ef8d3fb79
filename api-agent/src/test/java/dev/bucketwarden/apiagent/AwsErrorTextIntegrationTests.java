package dev.bucketwarden.apiagent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 refuses with what AWS puts in an AccessDenied: the role's ARN, the account id, the
 * resource. The API's answer names only what failed and the request id; the log has the
 * detail under that id. S3 here is a small server on 127.0.0.1 that answers as S3 does
 * for a role without the right: HEAD finds {@code denied.txt} and nothing else, GET and
 * PUT are denied.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class AwsErrorTextIntegrationTests {

	private static final String ACCOUNT = "123456789012";

	private static final String ROLE_ARN = "arn:aws:sts::" + ACCOUNT + ":assumed-role/BucketWardenApiRole/task-1";

	private static final String DENIED = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
			+ "<Message>User: " + ROLE_ARN + " is not authorized to perform: s3:GetObject on resource: "
			+ "\"arn:aws:s3:::" + ApiTestStack.UPLOADS + "/denied.txt\" because no identity-based policy allows "
			+ "the s3:GetObject action</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>";

	private static final HttpServer S3 = deniedS3();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ApiTestStack stack = ApiTestStack.get();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		ApiTestStack.get().properties().forEach((key, value) -> registry.add(key, () -> value));
		registry.add("spring.cloud.aws.s3.endpoint", () -> "http://127.0.0.1:" + S3.getAddress().getPort());
	}

	@AfterAll
	static void stopS3() {
		S3.stop(0);
	}

	@Test
	void shouldNotAnswerWithTheAwsErrorOfAScan(CapturedOutput output) throws Exception {
		HttpResponse<String> response = post("/api/v1/scan/s3",
				"{\"bucket\":\"" + ApiTestStack.UPLOADS + "\",\"key\":\"denied.txt\"}", "application/json");

		assertNoAwsText(response);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("result").asString()).as(response.body()).isEqualTo("Error");
		JsonNode verdict = (body.get("verdict") != null) ? body.get("verdict") : body;
		assertThat(verdict.get("reason").asString()).as(response.body()).isEqualTo("ACCESS_DENIED");
		assertThat(output.getOut() + output.getErr()).contains(ROLE_ARN)
			.contains(response.headers().firstValue("X-Request-Id").orElseThrow());
	}

	@Test
	void shouldNotAnswerWithTheAwsErrorOfAnUpload(CapturedOutput output) throws Exception {
		HttpResponse<String> response = post("/api/v1/upload?bucket=" + ApiTestStack.UPLOADS + "&key=new.txt",
				"harmless", "application/octet-stream");

		assertThat(response.statusCode()).isEqualTo(502);
		// Retrying cannot help until the role is given the permission.
		assertThat(response.headers().firstValue("Retry-After")).isEmpty();
		assertThat(JSON.readTree(response.body()).get("retryable").asBoolean()).isFalse();
		assertNoAwsText(response);
		String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(JSON.readTree(response.body()).get("requestId").asString()).isEqualTo(requestId);
		assertThat(output.getOut() + output.getErr()).contains(ROLE_ARN).contains(requestId);
	}

	private static void assertNoAwsText(HttpResponse<String> response) {
		assertThat(response.body()).doesNotContain(ACCOUNT)
			.doesNotContain("arn:aws")
			.doesNotContain("BucketWardenApiRole")
			.doesNotContain("4442587FB7D0A2F9");
	}

	private HttpResponse<String> post(String path, String body, String contentType) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + this.stack.token(ApiTestStack.SCANNER, "scan"))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpServer deniedS3() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", AwsErrorTextIntegrationTests::answer);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			String path = exchange.getRequestURI().getPath();
			if ("HEAD".equals(exchange.getRequestMethod())) {
				if (path.endsWith("/denied.txt")) {
					exchange.getResponseHeaders().add("ETag", "\"0123456789abcdef0123456789abcdef\"");
					exchange.getResponseHeaders().add("Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT");
					exchange.getResponseHeaders().add("Content-Type", "text/plain");
					exchange.getResponseHeaders().add("Content-Length", "8");
					exchange.sendResponseHeaders(200, -1);
				}
				else {
					exchange.sendResponseHeaders(404, -1);
				}
				return;
			}
			byte[] denied = DENIED.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/xml");
			exchange.sendResponseHeaders(403, denied.length);
			exchange.getResponseBody().write(denied);
		}
	}

}
