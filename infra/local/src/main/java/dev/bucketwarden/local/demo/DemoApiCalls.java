package dev.bucketwarden.local.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bucketwarden.local.samples.Samples;

/**
 * The demo's app: gets a token with the {@code scan} scope from the stack's OIDC server
 * (as an app gets one from Cognito) and calls the API agent: scan-before-store of a clean
 * file and of EICAR, a scan of an encrypted zip, and a call without a token.
 *
 * <pre>java -cp local-stack.jar dev.bucketwarden.local.demo.DemoApiCalls .local-stack/stack.properties</pre>
 */
public final class DemoApiCalls {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private DemoApiCalls() {
	}

	public static void main(String[] args) throws Exception {
		Properties stack = StackProperties.load(Path.of(args[0]));
		String api = stack.getProperty("api.base-uri");
		String bucket = stack.getProperty("buckets.api-uploads");
		try (HttpClient http = HttpClient.newHttpClient()) {
			String token = token(http, stack.getProperty("oidc.token-endpoint"));
			System.out.printf("%-44s %-6s %s%n", "CALL", "STATUS", "ANSWER");
			call(http, api + "/api/v1/upload?bucket=" + bucket + "&key=invoices/invoice-42.pdf", token,
					Samples.random(200_000, 11), "upload a clean file");
			call(http, api + "/api/v1/upload?bucket=" + bucket + "&key=invoices/eicar.com", token, Samples.eicar(),
					"upload EICAR");
			call(http, api + "/api/v1/scan", token,
					Samples.encryptedZip(Map.of("a.pdf", Samples.random(4096, 12)), "secret"), "scan an encrypted zip");
			call(http, api + "/api/v1/scan", null, "hello".getBytes(), "scan without a token");
		}
	}

	private static void call(HttpClient http, String uri, String token, byte[] body, String what) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		System.out.printf("%-44s %-6d %s%n", what, response.statusCode(), summary(response));
	}

	private static String summary(HttpResponse<String> response) {
		if (response.body().isBlank()) {
			return "(no body: " + response.headers().firstValue("WWW-Authenticate").orElse("") + ")";
		}
		JsonNode answer = JSON.readTree(response.body());
		JsonNode verdict = answer.has("verdict") ? answer.get("verdict") : answer;
		StringBuilder text = new StringBuilder(verdict.path("result").asString(""));
		if (!verdict.path("detectedInfections").isEmpty()) {
			text.append(" ").append(verdict.get("detectedInfections"));
		}
		if (verdict.hasNonNull("reason")) {
			text.append(" (").append(verdict.get("reason").asString()).append(")");
		}
		if (verdict.has("stored")) {
			JsonNode stored = verdict.get("stored");
			text.append(", stored as s3://")
				.append(stored.get("bucket").asString())
				.append('/')
				.append(stored.get("key").asString());
		}
		if (answer.has("detail")) {
			text.append(" - ").append(answer.get("detail").asString());
		}
		return text.toString();
	}

	private static String token(HttpClient http, String tokenEndpoint) {
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers
					.ofString("grant_type=client_credentials&client_id=demo-app&client_secret=demo-secret&scope=scan"))
				.build(), HttpResponse.BodyHandlers.ofString());
			return JSON.readTree(response.body()).get("access_token").asString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
