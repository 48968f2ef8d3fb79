package dev.bucketwarden.apiagent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bucketwarden.local.samples.Samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API agent over HTTP, as an app calls it: real tokens from the OIDC server, real
 * clamd, real S3Mock and DynamoDB Local.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "bucketwarden.api.max-size=2MB")
class ApiAgentIntegrationTests {

	private static final Path SPOOL = Path.of("target", "api-spool-" + ProcessHandle.current().pid());

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ApiTestStack stack = ApiTestStack.get();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		ApiTestStack.get().properties().forEach((key, value) -> registry.add(key, () -> value));
		registry.add("bucketwarden.api.spool-directory", SPOOL::toString);
	}

	@AfterEach
	void noSpoolFileIsLeftBehind() throws IOException {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(spoolFiles()).isEmpty());
	}

	@Test
	void shouldScanARawBody() throws Exception {
		byte[] content = Samples.random(300_000, 1);

		HttpResponse<String> response = post("/api/v1/scan", content, "application/octet-stream", scannerToken());

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode verdict = JSON.readTree(response.body());
		assertThat(verdict.get("result").asString()).isEqualTo("Clean");
		assertThat(verdict.get("size").asLong()).isEqualTo(content.length);
		assertThat(verdict.has("sha256")).as("the SHA-256 is computed only when asked for").isFalse();
		assertThat(verdict.get("engines").get(0).get("product").asString()).startsWith("ClamAV");
		assertThat(verdict.get("dateScanned").asString()).isNotBlank();
		assertThat(verdict.get("detectedInfections")).isEmpty();
	}

	@Test
	void shouldAnswerTheSha256OfTheBodyWhenAsked() throws Exception {
		byte[] content = Samples.random(300_000, 11);

		HttpResponse<String> scanned = post("/api/v1/scan?sha256=true", content, "application/octet-stream",
				scannerToken());
		HttpResponse<String> multipart = postMultipart("/api/v1/scan?sha256=true", "a.bin", content, scannerToken());
		HttpResponse<String> stored = post(
				"/api/v1/upload?bucket=" + ApiTestStack.UPLOADS + "&key=docs/hashed.bin&sha256=true", content,
				"application/octet-stream", scannerToken());

		assertThat(scanned.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(scanned.body()).get("sha256").asString()).isEqualTo(sha256(content));
		assertThat(multipart.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(multipart.body()).get("sha256").asString()).isEqualTo(sha256(content));
		assertThat(stored.statusCode()).isEqualTo(201);
		assertThat(JSON.readTree(stored.body()).get("sha256").asString()).isEqualTo(sha256(content));
	}

	@Test
	void shouldScanAMultipartFile() throws Exception {
		HttpResponse<String> response = postMultipart("/api/v1/scan", "eicar.com", Samples.eicar(), scannerToken());

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode verdict = JSON.readTree(response.body());
		assertThat(verdict.get("result").asString()).isEqualTo("Infected");
		assertThat(verdict.get("signatures").get("clamav").get(0).asString()).startsWith("BucketWarden.Test.Eicar");
		assertThat(verdict.get("detectedInfections").get(0).asString()).startsWith("BucketWarden.Test.Eicar");
	}

	@Test
	void shouldCallAnEncryptedZipUnscannable() throws Exception {
		byte[] zip = Samples.encryptedZip(Map.of("a.pdf", Samples.random(5000, 2)), "pw");

		HttpResponse<String> response = post("/api/v1/scan", zip, "application/octet-stream", scannerToken());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).get("result").asString()).isEqualTo("Unscannable");
		assertThat(JSON.readTree(response.body()).get("reason").asString()).startsWith("ENCRYPTED");
	}

	@Test
	void shouldRefuseBodiesOverTheLimitWithOrWithoutADeclaredLength() throws Exception {
		byte[] big = Samples.random(3 << 20, 3);

		assertThat(post("/api/v1/scan", big, "application/octet-stream", scannerToken()).statusCode()).isEqualTo(413);
		assertThat(postMultipart("/api/v1/scan", "big.bin", big, scannerToken()).statusCode()).isEqualTo(413);
		assertThat(postMultipart("/api/v1/upload?bucket=" + ApiTestStack.UPLOADS + "&key=big.bin", "big.bin", big,
				scannerToken())
			.statusCode()).isEqualTo(413);
		assertThat(exists(ApiTestStack.UPLOADS, "big.bin")).isFalse();
	}

	@Test
	void shouldStoreOnlyCleanUploadsTaggedWithTheirResult() throws Exception {
		byte[] clean = Samples.random(100_000, 4);

		HttpResponse<String> stored = post(
				"/api/v1/upload?bucket=" + ApiTestStack.UPLOADS + "&key=docs/clean%20file.bin", clean,
				"application/octet-stream", scannerToken());
		HttpResponse<String> infected = postMultipart(
				"/api/v1/upload?bucket=" + ApiTestStack.UPLOADS + "&key=docs/eicar.com", "eicar.com", Samples.eicar(),
				scannerToken());
		HttpResponse<String> encrypted = post("/api/v1/upload?bucket=" + ApiTestStack.UPLOADS + "&key=docs/secret.zip",
				Samples.encryptedZip(Map.of("a", Samples.random(100, 5)), "pw"), "application/octet-stream",
				scannerToken());

		assertThat(stored.statusCode()).isEqualTo(201);
		assertThat(JSON.readTree(stored.body()).get("stored").get("key").asString()).isEqualTo("docs/clean file.bin");
		assertThat(this.stack.s3.getObjectAsBytes((r) -> r.bucket(ApiTestStack.UPLOADS).key("docs/clean file.bin"))
			.asByteArray()).isEqualTo(clean);
		assertThat(this.stack.s3.getObjectTagging((r) -> r.bucket(ApiTestStack.UPLOADS).key("docs/clean file.bin"))
			.tagSet()).anySatisfy((tag) -> {
				assertThat(tag.key()).isEqualTo("scan-result");
				assertThat(tag.value()).isEqualTo("Clean");
			});
		assertThat(infected.statusCode()).isEqualTo(422);
		assertThat(JSON.readTree(infected.body()).get("result").asString()).isEqualTo("Infected");
		assertThat(exists(ApiTestStack.UPLOADS, "docs/eicar.com")).isFalse();
		assertThat(encrypted.statusCode()).isEqualTo(422);
		assertThat(exists(ApiTestStack.UPLOADS, "docs/secret.zip")).isFalse();
	}

	@Test
	void shouldRefuseUploadsToBucketsNotConfiguredForIt() throws Exception {
		HttpResponse<String> response = post("/api/v1/upload?bucket=" + ApiTestStack.FORBIDDEN_BUCKET + "&key=a.txt",
				"hello".getBytes(), "application/octet-stream", scannerToken());

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(exists(ApiTestStack.FORBIDDEN_BUCKET, "a.txt")).isFalse();
	}

	@Test
	void shouldScanAnExistingS3ObjectThroughThePipeline() throws Exception {
		this.stack.s3.putObject((r) -> r.bucket(ApiTestStack.UPLOADS).key("existing/eicar.com"),
				RequestBody.fromBytes(Samples.eicar()));
		String body = "{\"bucket\":\"" + ApiTestStack.UPLOADS + "\",\"key\":\"existing/eicar.com\"}";

		HttpResponse<String> response = post("/api/v1/scan/s3", body.getBytes(), "application/json", scannerToken());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).get("result").asString()).isEqualTo("Infected");
		assertThat(this.stack.s3.getObjectTagging((r) -> r.bucket(ApiTestStack.UPLOADS).key("existing/eicar.com"))
			.tagSet()).anySatisfy((tag) -> assertThat(tag.value()).isEqualTo("Infected"));
	}

	@Test
	void shouldRequireATokenWithTheScanScope() throws Exception {
		byte[] content = "hello".getBytes();

		assertThat(post("/api/v1/scan", content, "application/octet-stream", null).statusCode()).isEqualTo(401);
		assertThat(post("/api/v1/scan", content, "application/octet-stream", "not.a.jwt").statusCode()).isEqualTo(401);
		String tampered = scannerToken();
		tampered = tampered.substring(0, tampered.length() - 4) + "AAAA";
		assertThat(post("/api/v1/scan", content, "application/octet-stream", tampered).statusCode()).isEqualTo(401);
		String noScope = this.stack.token(ApiTestStack.SCANNER, "profile");
		assertThat(post("/api/v1/scan", content, "application/octet-stream", noScope).statusCode()).isEqualTo(403);
	}

	@Test
	void shouldDeleteTheSpoolWhenTheClientDisconnectsMidUpload() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/upload?bucket=" + ApiTestStack.UPLOADS + "&key=partial.bin HTTP/1.1\r\n"
					+ "Host: 127.0.0.1\r\nAuthorization: Bearer " + scannerToken() + "\r\n"
					+ "Content-Type: application/octet-stream\r\nContent-Length: 1500000\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(Samples.random(500_000, 6));
			out.flush();
			await().atMost(Duration.ofSeconds(10)).until(() -> !spoolFiles().isEmpty());
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(spoolFiles()).isEmpty());
		assertThat(exists(ApiTestStack.UPLOADS, "partial.bin")).isFalse();
	}

	@Test
	void shouldBeReadyWhileTheEngineAnswersAndDescribeItsApi() throws Exception {
		HttpResponse<String> readiness = get("/actuator/health/readiness");
		HttpResponse<String> liveness = get("/actuator/health/liveness");
		HttpResponse<String> openApi = get("/v3/api-docs");

		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"status\":\"UP\"");
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(openApi.statusCode()).isEqualTo(200);
		assertThat(openApi.body()).contains("/api/v1/scan", "/api/v1/upload", "/api/v1/scan/s3");
		assertThat(post("/api/v1/scan", "x".getBytes(), "application/octet-stream", scannerToken()).headers()
			.firstValue("X-Request-Id")).isPresent();
	}

	private String scannerToken() {
		return this.stack.token(ApiTestStack.SCANNER, "scan");
	}

	private HttpResponse<String> post(String path, byte[] body, String contentType, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Multipart with chunked transfer: the server does not know the length in advance.
	 */
	private HttpResponse<String> postMultipart(String path, String fileName, byte[] content, String token)
			throws Exception {
		String boundary = "----bucketwarden" + System.nanoTime();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
		InputStream body = new java.io.SequenceInputStream(
				java.util.Collections.enumeration(java.util.List.of(new java.io.ByteArrayInputStream(head),
						new java.io.ByteArrayInputStream(content), new java.io.ByteArrayInputStream(tail))));
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private boolean exists(String bucket, String key) {
		try {
			this.stack.s3.headObject((r) -> r.bucket(bucket).key(key));
			return true;
		}
		catch (S3Exception ex) {
			return false;
		}
	}

	private static java.util.List<Path> spoolFiles() throws IOException {
		if (!Files.isDirectory(SPOOL)) {
			return java.util.List.of();
		}
		try (Stream<Path> files = Files.list(SPOOL)) {
			return files.collect(Collectors.toList());
		}
	}

	private static String sha256(byte[] content) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
	}

}
