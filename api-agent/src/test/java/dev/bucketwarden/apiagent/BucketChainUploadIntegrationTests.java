package dev.bucketwarden.apiagent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.store.settings.BucketRules;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;
import dev.bucketwarden.store.settings.Remediation;
import dev.bucketwarden.store.settings.StoredBucket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API agent with the chain clamav + premium, and upload buckets whose console
 * settings name their own engines: an upload is scanned with its target bucket's engines
 * (so is an on-demand scan of an object there), a plain scan with the agent's, and an
 * upload to a bucket naming an engine the agent does not run is refused, never stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BucketChainUploadIntegrationTests {

	private static final String SETTINGS_TABLE = "api-chain-settings";

	private static final String CLAMAV_ONLY = "api-chain-clamav";

	private static final String PREMIUM_ONLY = "api-chain-premium";

	private static final String UNKNOWN_ENGINE = "api-chain-sophos";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ApiTestStack stack = ApiTestStack.get();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		ApiTestStack stack = ApiTestStack.get();
		DynamoDbClient dynamo = AwsClients.dynamoDb(stack.dynamodb);
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbSettingsTable.tableDefinition(SETTINGS_TABLE),
				Duration.ofSeconds(30));
		DynamoDbSettingsTable settings = new DynamoDbSettingsTable(dynamo, SETTINGS_TABLE);
		protect(stack, settings, CLAMAV_ONLY, List.of("clamav"));
		protect(stack, settings, PREMIUM_ONLY, List.of("premium"));
		protect(stack, settings, UNKNOWN_ENGINE, List.of("clamav", "sophos"));
		stack.properties().forEach((key, value) -> registry.add(key, () -> value));
		registry.add("bucketwarden.chain.engines", () -> "clamav,premium");
		registry.add("bucketwarden.settings.table", () -> SETTINGS_TABLE);
		registry.add("bucketwarden.api.upload-buckets",
				() -> String.join(",", ApiTestStack.UPLOADS, CLAMAV_ONLY, PREMIUM_ONLY, UNKNOWN_ENGINE));
		registry.add("bucketwarden.trust.protected-buckets",
				() -> String.join(",", ApiTestStack.UPLOADS, CLAMAV_ONLY, PREMIUM_ONLY, UNKNOWN_ENGINE));
	}

	@Test
	void shouldScanAnUploadWithItsBucketsEnginesAndAPlainScanWithTheAgents() throws Exception {
		byte[] elf = Files.readAllBytes(Path.of("/usr/bin/true"));

		HttpResponse<String> plain = post("/api/v1/scan", elf);
		HttpResponse<String> clamavOnly = post("/api/v1/upload?bucket=" + CLAMAV_ONLY + "&key=photos/holiday.jpg", elf);
		HttpResponse<String> premiumOnly = post("/api/v1/upload?bucket=" + PREMIUM_ONLY + "&key=photos/holiday.jpg",
				elf);

		assertThat(plain.statusCode()).isEqualTo(200);
		assertThat(result(plain)).isEqualTo("Infected");
		assertThat(engines(plain)).containsExactly("clamav", "premium");
		assertThat(clamavOnly.statusCode()).as(clamavOnly.body()).isEqualTo(201);
		assertThat(engines(clamavOnly)).containsExactly("clamav");
		assertThat(exists(CLAMAV_ONLY, "photos/holiday.jpg")).isTrue();
		assertThat(premiumOnly.statusCode()).isEqualTo(422);
		assertThat(JSON.readTree(premiumOnly.body()).get("verdict").get("detectedInfections").toString())
			.contains("BucketWarden.Policy.DisguisedExecutable");
		assertThat(exists(PREMIUM_ONLY, "photos/holiday.jpg")).isFalse();
	}

	@Test
	void shouldScanAnExistingObjectWithItsBucketsEngines() throws Exception {
		this.stack.s3.putObject((r) -> r.bucket(PREMIUM_ONLY).key("existing/eicar.com"),
				RequestBody.fromBytes(Samples.eicar()));

		HttpResponse<String> response = post("/api/v1/scan/s3",
				("{\"bucket\":\"" + PREMIUM_ONLY + "\",\"key\":\"existing/eicar.com\"}").getBytes(),
				"application/json");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(engines(response)).containsExactly("premium");
		assertThat(result(response)).as("premium alone has no EICAR signature").isEqualTo("Clean");
	}

	@Test
	void shouldRefuseAnUploadToABucketNamingAnEngineTheAgentDoesNotRun() throws Exception {
		HttpResponse<String> response = post("/api/v1/upload?bucket=" + UNKNOWN_ENGINE + "&key=report.txt",
				"harmless".getBytes());

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(result(response)).isEqualTo("Error");
		assertThat(response.body()).contains("engine 'sophos' (bucket settings) is not configured on this agent")
			.doesNotContain("Clean");
		assertThat(exists(UNKNOWN_ENGINE, "report.txt")).isFalse();
	}

	private static void protect(ApiTestStack stack, DynamoDbSettingsTable settings, String bucket,
			List<String> engines) {
		stack.s3.createBucket((r) -> r.bucket(bucket));
		settings
			.put(new StoredBucket(bucket, BucketSettings.quarantineTo(bucket + "-q").withRemediation(Remediation.KEEP),
					new BucketRules(List.of(), List.of(), List.of(), engines), Instant.now(), "test"));
	}

	private HttpResponse<String> post(String path, byte[] body) throws Exception {
		return post(path, body, "application/octet-stream");
	}

	private HttpResponse<String> post(String path, byte[] body, String contentType) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + this.stack.token(ApiTestStack.SCANNER, "scan"))
			.header("Content-Type", contentType)
			.header("X-File-Name", "holiday.jpg")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String result(HttpResponse<String> response) {
		return JSON.readTree(response.body()).get("result").asString();
	}

	private static List<String> engines(HttpResponse<String> response) {
		List<String> ids = new ArrayList<>();
		JSON.readTree(response.body()).get("engines").forEach((engine) -> ids.add(engine.get("id").asString()));
		return ids;
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

}
