package dev.bucketwarden.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bucketwarden.local.moto.MotoOptions;
import dev.bucketwarden.local.moto.MotoServer;
import dev.bucketwarden.local.oidc.OidcServer;
import dev.bucketwarden.store.settings.BucketHome;
import dev.bucketwarden.store.settings.BucketRules;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.StoredBucket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Linked accounts through the console's API against moto's STS, with the local OIDC
 * server's tokens: an admin links an account (the console makes its external id),
 * verifies it (AssumeRole with the external id, then GetCallerIdentity with those
 * credentials) and removes it; removal is refused while a bucket of the account is
 * protected; viewers only read; every change is audited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleAccountsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static MotoServer moto;

	private final ConsoleTestStack stack = ConsoleTestStack.get();

	private final HttpClient http = HttpClient.newHttpClient();

	/** Other test classes share the settings table: an account of this test's own. */
	private final String account = Long
		.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));

	@LocalServerPort
	int port;

	private String admin;

	private String viewer;

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		ConsoleTestStack.get().register(registry);
		moto = MotoServer.start(MotoOptions.in(Path.of("target", "moto-accounts-" + ProcessHandle.current().pid())));
		registry.add("bucketwarden.console.sts-endpoint", () -> moto.endpoint().toString());
	}

	@AfterAll
	static void stopMoto() {
		if (moto != null) {
			moto.close();
		}
	}

	@BeforeEach
	void tokens() {
		this.admin = OidcSignIn.accessToken(this.stack.oidc, OidcServer.CONSOLE_CLIENT_ID, "admin", List.of("admins"));
		this.viewer = OidcSignIn.accessToken(this.stack.oidc, OidcServer.CONSOLE_CLIENT_ID, "viewer",
				List.of("viewers"));
	}

	@Test
	void shouldLinkVerifyAndRemoveAnAccount() throws Exception {
		String body = "{\"accountId\":\"" + this.account + "\",\"name\":\"Team A\",\"roleArn\":\"" + roleArn()
				+ "\",\"quarantine\":\"IN_ACCOUNT\",\"quarantineBucket\":\"team-a-quarantine\"}";
		assertThat(send("POST", "/api/v1/accounts", this.viewer, body).statusCode()).as("viewers only read")
			.isEqualTo(403);

		HttpResponse<String> added = send("POST", "/api/v1/accounts", this.admin, body);

		assertThat(added.statusCode()).isEqualTo(201);
		JsonNode link = JSON.readTree(added.body());
		assertThat(link.get("externalId").asString()).as("128 random bits, base64url").matches("[A-Za-z0-9_-]{22}");
		assertThat(link.get("quarantine").asString()).isEqualTo("IN_ACCOUNT");
		assertThat(link.get("verifiedAt").isNull()).isTrue();
		assertThat(send("POST", "/api/v1/accounts", this.admin, body).statusCode()).as("linked already").isEqualTo(409);

		HttpResponse<String> verified = send("POST", "/api/v1/accounts/" + this.account + "/verify", this.admin, null);

		assertThat(verified.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(verified.body()).get("verifiedArn").asString())
			.isEqualTo("arn:aws:sts::" + this.account + ":assumed-role/bucketwarden-linked/bucketwarden-console");
		JsonNode listed = listed();
		assertThat(listed.get("verifiedAt").isNull()).isFalse();
		assertThat(listed.get("externalId").asString()).isEqualTo(link.get("externalId").asString());

		assertThat(send("DELETE", "/api/v1/accounts/" + this.account, this.viewer, null).statusCode()).isEqualTo(403);
		assertThat(send("DELETE", "/api/v1/accounts/" + this.account, this.admin, null).statusCode()).isEqualTo(204);
		assertThat(listed()).isNull();
		assertThat(send("DELETE", "/api/v1/accounts/" + this.account, this.admin, null).statusCode()).isEqualTo(404);
		assertThat(audit()).contains("\"action\":\"account.link\"")
			.contains("\"action\":\"account.verify\"")
			.contains("\"action\":\"account.unlink\"")
			.contains("\"target\":\"" + this.account + "\"");
	}

	@Test
	void shouldRefuseToRemoveAnAccountWhileOneOfItsBucketsIsProtected() throws Exception {
		String body = "{\"accountId\":\"" + this.account + "\",\"roleArn\":\"" + roleArn()
				+ "\",\"quarantine\":\"CENTRAL\"}";
		assertThat(send("POST", "/api/v1/accounts", this.admin, body).statusCode()).isEqualTo(201);
		String bucket = "linked-" + this.account;
		this.stack.settings.put(new StoredBucket(bucket, BucketSettings.quarantineTo("central-q"), BucketRules.NONE,
				Instant.now(), "admin", new BucketHome(null, this.account)));
		try {
			HttpResponse<String> refused = send("DELETE", "/api/v1/accounts/" + this.account, this.admin, null);

			assertThat(refused.statusCode()).isEqualTo(409);
			assertThat(refused.body()).contains(bucket);
			assertThat(listed()).isNotNull();
		}
		finally {
			this.stack.settings.delete(bucket);
		}
		assertThat(send("DELETE", "/api/v1/accounts/" + this.account, this.admin, null).statusCode()).isEqualTo(204);
	}

	@Test
	void shouldListAndProtectALinkedAccountsBucketThroughItsRole() throws Exception {
		String bucket = "team-" + this.account;
		this.stack.s3.createBucket((request) -> request.bucket(bucket));
		String body = "{\"accountId\":\"" + this.account + "\",\"roleArn\":\"" + roleArn()
				+ "\",\"quarantine\":\"IN_ACCOUNT\",\"quarantineBucket\":\"team-q-" + this.account + "\"}";
		assertThat(send("POST", "/api/v1/accounts", this.admin, body).statusCode()).isEqualTo(201);
		String path = "/api/v1/accounts/" + this.account + "/buckets/" + bucket;
		String settings = "{\"remediation\":\"QUARANTINE\",\"quarantineBucket\":\"elsewhere\"}";
		assertThat(send("PUT", path, this.admin, settings).statusCode()).as("not verified yet").isEqualTo(409);
		assertThat(send("POST", "/api/v1/accounts/" + this.account + "/verify", this.admin, null).statusCode())
			.isEqualTo(200);

		HttpResponse<String> listed = send("GET", "/api/v1/accounts/" + this.account + "/buckets", this.viewer, null);
		assertThat(listed.statusCode()).isEqualTo(200);
		assertThat(listed.body()).contains("\"name\":\"" + bucket + "\"").contains("\"region\":\"");
		assertThat(send("PUT", path, this.viewer, settings).statusCode()).isEqualTo(403);

		HttpResponse<String> protectedBucket = send("PUT", path, this.admin, settings);

		try {
			assertThat(protectedBucket.statusCode()).isEqualTo(200);
			StoredBucket stored = this.stack.settings.bucket(bucket).orElseThrow();
			assertThat(stored.home().account()).isEqualTo(this.account);
			assertThat(stored.home().region()).as("located through the role: the console's own region").isNull();
			assertThat(stored.settings().quarantineBucket()).as("the link's own quarantine bucket")
				.isEqualTo("team-q-" + this.account);
			assertThat(send("PUT", "/api/v1/buckets/" + bucket, this.admin, settings).statusCode())
				.as("not through the deployment's own catalog")
				.isEqualTo(409);
			assertThat(send("DELETE", "/api/v1/accounts/" + this.account, this.admin, null).statusCode())
				.isEqualTo(409);
			assertThat(send("DELETE", path, this.admin, null).statusCode()).isEqualTo(204);
			assertThat(this.stack.settings.bucket(bucket)).isEmpty();
		}
		finally {
			this.stack.settings.delete(bucket);
		}
		assertThat(audit()).contains("\"action\":\"bucket.protect\"").contains("\"account\":\"" + this.account);
	}

	@Test
	void shouldRefuseALinkWhoseRoleIsInAnotherAccount() throws Exception {
		HttpResponse<String> refused = send("POST", "/api/v1/accounts", this.admin, "{\"accountId\":\"" + this.account
				+ "\",\"roleArn\":\"arn:aws:iam::000000000001:role/elsewhere\",\"quarantine\":\"CENTRAL\"}");

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(listed()).isNull();
	}

	private String roleArn() {
		return "arn:aws:iam::" + this.account + ":role/bucketwarden-linked";
	}

	/** This test's account as the API lists it, or null. */
	private JsonNode listed() throws Exception {
		HttpResponse<String> list = send("GET", "/api/v1/accounts", this.viewer, null);
		assertThat(list.statusCode()).isEqualTo(200);
		for (JsonNode node : JSON.readTree(list.body())) {
			if (node.get("accountId").asString().equals(this.account)) {
				return node;
			}
		}
		return null;
	}

	private String audit() throws Exception {
		return send("GET", "/api/v1/audit", this.viewer, null).body();
	}

	private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody())
			.header("Authorization", "Bearer " + token);
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
