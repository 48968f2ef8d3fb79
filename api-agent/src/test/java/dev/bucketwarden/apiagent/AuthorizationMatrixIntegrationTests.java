package dev.bucketwarden.apiagent;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the API agent (its controller and the actuator's exposure), called
 * with every kind of credential, in one table: anonymous, a token of the API's client
 * without the scan scope, a valid token, a token of another app client, one for another
 * audience, and an expired one. Real tokens from the local OIDC server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthorizationMatrixIntegrationTests extends ApiAgentHttpTests {

	private static final List<String> CREDENTIALS = List.of("anonymous", "no scope", "valid", "other client",
			"other audience", "expired");

	/** Expected status per endpoint, in the order of {@link #CREDENTIALS}. */
	private static final Map<String, List<Integer>> MATRIX = new LinkedHashMap<>();

	static {
		MATRIX.put("POST /api/v1/scan", List.of(401, 403, 200, 401, 401, 401));
		MATRIX.put("POST /api/v1/upload", List.of(401, 403, 201, 401, 401, 401));
		MATRIX.put("POST /api/v1/scan/s3", List.of(401, 403, 200, 401, 401, 401));
		MATRIX.put("GET /actuator/health", List.of(200, 200, 200, 401, 401, 401));
		MATRIX.put("GET /actuator/health/liveness", List.of(200, 200, 200, 401, 401, 401));
		MATRIX.put("GET /actuator/health/readiness", List.of(200, 200, 200, 401, 401, 401));
		// Open paths are open without a token; a token that is not valid is refused
		// wherever it is sent (the load balancer's health check sends none).
		// Exposed, but open to no one: every request that is no API call or health is
		// denied.
		MATRIX.put("GET /actuator/info", List.of(401, 403, 403, 401, 401, 401));
		MATRIX.put("GET /actuator/env", List.of(401, 403, 403, 401, 401, 401));
		MATRIX.put("GET /v3/api-docs", List.of(200, 200, 200, 401, 401, 401));
		MATRIX.put("GET /swagger-ui/index.html", List.of(200, 200, 200, 401, 401, 401));
		MATRIX.put("GET /api/v1/nothing-here", List.of(401, 403, 404, 401, 401, 401));
	}

	@Test
	void shouldAnswerEveryEndpointAsTheMatrixSays() throws Exception {
		this.stack.s3.putObject((r) -> r.bucket(ApiTestStack.UPLOADS).key("matrix/existing.txt"),
				RequestBody.fromString("clean content"));
		Map<String, String> tokens = new LinkedHashMap<>();
		tokens.put("anonymous", null);
		tokens.put("no scope", this.stack.token(ApiTestStack.SCANNER, "profile"));
		tokens.put("valid", this.stack.token(ApiTestStack.SCANNER, "scan"));
		tokens.put("other client", this.stack.token(ApiTestStack.OTHER, "scan"));
		tokens.put("other audience", this.stack.token(ApiTestStack.OTHER_AUDIENCE, "scan"));
		tokens.put("expired", this.stack.token(ApiTestStack.EXPIRED, "scan"));

		List<String> mismatches = new ArrayList<>();
		for (Map.Entry<String, List<Integer>> row : MATRIX.entrySet()) {
			for (int i = 0; i < CREDENTIALS.size(); i++) {
				String credential = CREDENTIALS.get(i);
				int status = call(row.getKey(), tokens.get(credential));
				if (status != row.getValue().get(i)) {
					mismatches.add(
							row.getKey() + " as " + credential + ": " + status + ", expected " + row.getValue().get(i));
				}
			}
		}

		assertThat(mismatches).isEmpty();
	}

	private int call(String endpoint, String token) throws Exception {
		String method = endpoint.substring(0, endpoint.indexOf(' '));
		String path = endpoint.substring(endpoint.indexOf(' ') + 1);
		HttpRequest.Builder request;
		if (method.equals("GET")) {
			request = HttpRequest.newBuilder(uri(path)).GET();
		}
		else if (path.equals("/api/v1/scan/s3")) {
			request = HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"bucket\":\"" + ApiTestStack.UPLOADS + "\",\"key\":\"matrix/existing.txt\"}"));
		}
		else {
			String query = path.equals("/api/v1/upload")
					? "?bucket=" + ApiTestStack.UPLOADS + "&key=matrix/" + UUID.randomUUID() + ".txt" : "";
			request = HttpRequest.newBuilder(uri(path + query))
				.header("Content-Type", "application/octet-stream")
				.POST(HttpRequest.BodyPublishers.ofString("harmless"));
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
