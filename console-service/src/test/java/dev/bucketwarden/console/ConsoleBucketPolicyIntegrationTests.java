package dev.bucketwarden.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.unit.DataSize;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.moto.MotoOptions;
import dev.bucketwarden.local.moto.MotoServer;
import dev.bucketwarden.local.oidc.OidcServer;
import dev.bucketwarden.store.settings.BucketRules;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.Remediation;
import dev.bucketwarden.store.settings.StoredBucket;
import dev.bucketwarden.store.tags.TagSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applying BucketWarden's statements to a real bucket policy API (moto's server: S3Mock
 * has none), through the console's API with the local OIDC server's tokens: a foreign
 * statement survives byte for byte, re-applying adds nothing, the read gate comes and
 * goes, a policy that cannot be merged into is refused and left as it was, viewers only
 * read, and every apply and refusal is in the audit log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBucketPolicyIntegrationTests {

	/** Numbers as written, so that a statement's text can be compared. */
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
		.build();

	private static final String EVENT_AGENT = "arn:aws:iam::123456789012:role/bucketwarden-agent-event-us-east-1";

	private static final String API_AGENT = "arn:aws:iam::123456789012:role/bucketwarden-agent-api-us-east-1";

	private static final String BREAK_GLASS = "arn:aws:iam::123456789012:role/security/BreakGlass";

	private static MotoServer moto;

	private final ConsoleTestStack stack = ConsoleTestStack.get();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String bucket = "policies-" + System.nanoTime();

	/**
	 * Someone else's statement, written compactly as S3 would return it, with a number
	 * whose digits must survive.
	 */
	private final String foreign = "{\"Sid\":\"LetPartnerReadReports\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
			+ "\"arn:aws:iam::210987654321:root\"},\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":"
			+ "[\"arn:aws:s3:::" + this.bucket + "\",\"arn:aws:s3:::" + this.bucket + "/reports/*\"],"
			+ "\"Condition\":{\"NumericGreaterThanEquals\":{\"s3:TlsVersion\":1.20}}}";

	private S3Client s3;

	@LocalServerPort
	int port;

	private String admin;

	private String viewer;

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		ConsoleTestStack.get().register(registry);
		moto = MotoServer.start(MotoOptions.in(Path.of("target", "moto-" + ProcessHandle.current().pid())));
		registry.add("bucketwarden.console.bucket-policy-endpoint", () -> moto.endpoint().toString());
		registry.add("bucketwarden.console.agent-role-arns", () -> EVENT_AGENT + "," + API_AGENT);
		registry.add("bucketwarden.console.break-glass-role-arns", () -> BREAK_GLASS);
	}

	@AfterAll
	static void stopMoto() {
		if (moto != null) {
			moto.close();
		}
	}

	@BeforeEach
	void setUp() {
		// Access tokens of the console's client, as the API takes them.
		this.admin = OidcSignIn.accessToken(this.stack.oidc, OidcServer.CONSOLE_CLIENT_ID, "admin", List.of("admins"));
		this.viewer = OidcSignIn.accessToken(this.stack.oidc, OidcServer.CONSOLE_CLIENT_ID, "viewer",
				List.of("viewers"));
		this.s3 = AwsClients.s3(moto);
		this.s3.createBucket((r) -> r.bucket(this.bucket));
	}

	/** Other test classes share the settings table. */
	@AfterEach
	void unprotect() {
		this.stack.settings.delete(this.bucket);
		this.s3.close();
	}

	@Test
	void shouldAddOurStatementsAndKeepAForeignOneByteForByte() throws Exception {
		putPolicy("{\"Version\":\"2012-10-17\",\"Id\":\"PartnerAccess\",\"Statement\":[" + this.foreign + "]}");
		assertThat(JSON.readTree(send("GET", this.viewer, null).body()).get("resultTagProtection").asString())
			.isEqualTo("MISSING");

		HttpResponse<String> applied = send("POST", this.admin, "{\"readGate\":false}");

		assertThat(applied.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(applied.body()).get("resultTagProtection").asString()).isEqualTo("APPLIED");
		JsonNode policy = JSON.readTree(policy().orElseThrow());
		assertThat(policy.get("Id").asString()).isEqualTo("PartnerAccess");
		assertThat(JSON.writeValueAsString(policy.get("Statement").get(0))).isEqualTo(this.foreign);
		assertThat(sids(policy)).containsExactly("LetPartnerReadReports", "BucketWardenDenyResultTagWrites",
				"BucketWardenDenyResultTagChanges", "BucketWardenDenyGuardDutyTagChanges",
				"BucketWardenDenyCopiedTags");
		assertThat(policy.get("Statement").get(1).get("Condition").get("ArnNotEquals").toString())
			.isEqualTo("{\"aws:PrincipalArn\":[\"" + EVENT_AGENT + "\",\"" + API_AGENT + "\"]}");
		assertThat(audit()).contains("\"action\":\"bucket.policy.apply\"")
			.contains("\"target\":\"" + this.bucket + "\"");
	}

	@Test
	void shouldAddNothingWhenAppliedAgain() throws Exception {
		putPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[" + this.foreign + "]}");
		assertThat(send("POST", this.admin, "{}").statusCode()).isEqualTo(200);
		String once = policy().orElseThrow();

		assertThat(send("POST", this.admin, "{}").statusCode()).isEqualTo(200);

		assertThat(policy()).contains(once);
		assertThat(sids(JSON.readTree(once))).hasSize(5).doesNotHaveDuplicates();
		// Nothing was written the second time: the policy already said the same.
		assertThat(JSON.readTree(audit()).values())
			.filteredOn((event) -> event.path("target").toString().equals("\"" + this.bucket + "\""))
			.extracting((event) -> event.path("details").path("changed").toString())
			.containsExactlyInAnyOrder("\"false\"", "\"true\"");
	}

	/**
	 * An operator who pasted infra/aws's statements (the same as ours) finds them
	 * applied, even as S3 returns them ({@code "Principal":"*"} for CDK's
	 * {@code {"AWS":"*"}}), and applying writes nothing.
	 */
	@Test
	void shouldTakeTheStatementsInfraAwsPrintsAsApplied() throws Exception {
		String printed = JSON
			.writeValueAsString(JSON.readTree(send("GET", this.viewer, null).body()).get("statements"));
		assertThat(printed).contains("\"Principal\":{\"AWS\":\"*\"}");
		String pasted = "{\"Version\":\"2012-10-17\",\"Statement\":[" + this.foreign + ","
				+ printed.substring(1, printed.length() - 1).replace("{\"AWS\":\"*\"}", "\"*\"") + "]}";
		putPolicy(pasted);

		assertThat(JSON.readTree(send("GET", this.viewer, null).body()).get("resultTagProtection").asString())
			.isEqualTo("APPLIED");
		assertThat(send("POST", this.admin, "{}").statusCode()).isEqualTo(200);

		assertThat(policy()).contains(pasted);
		assertThat(JSON.readTree(audit()).values())
			.filteredOn((event) -> event.path("target").toString().equals("\"" + this.bucket + "\""))
			.extracting((event) -> event.path("details").path("changed").toString())
			.containsExactly("\"false\"");
	}

	/**
	 * The statements infra/aws printed under its former Sids are replaced, never left
	 * beside ours.
	 */
	@Test
	void shouldReplaceTheStatementsInfraAwsPrintedUnderItsFormerSids() throws Exception {
		String former = String.join(",",
				List.of("DenyResultTagsButAgents", "DenyChangingTagsOfScannedObjectsButAgents",
						"DenyChangingTagsOfGuardDutyScannedObjectsButAgents", "DenyCopiedTagsButAgents",
						"DenyResultTagsButBucketWardenAgents")
					.stream()
					.map((sid) -> "{\"Sid\":\"" + sid + "\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},"
							+ "\"Action\":\"s3:PutObjectTagging\",\"Resource\":\"arn:aws:s3:::" + this.bucket + "/*\"}")
					.toList());
		putPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[" + this.foreign + "," + former + "]}");
		assertThat(JSON.readTree(send("GET", this.viewer, null).body()).get("resultTagProtection").asString())
			.isEqualTo("DIFFERENT");

		assertThat(send("POST", this.admin, "{}").statusCode()).isEqualTo(200);

		JsonNode policy = JSON.readTree(policy().orElseThrow());
		assertThat(sids(policy)).containsExactly("LetPartnerReadReports", "BucketWardenDenyResultTagWrites",
				"BucketWardenDenyResultTagChanges", "BucketWardenDenyGuardDutyTagChanges",
				"BucketWardenDenyCopiedTags");
		assertThat(JSON.writeValueAsString(policy.get("Statement").get(0))).isEqualTo(this.foreign);
	}

	@Test
	void shouldAddAndRemoveTheReadGateOfAProtectedBucket() throws Exception {
		protect(TagSchema.GUARDDUTY);
		putPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[" + this.foreign + "]}");

		assertThat(send("POST", this.admin, "{\"readGate\":true}").statusCode()).isEqualTo(200);

		JsonNode gated = JSON.readTree(policy().orElseThrow());
		assertThat(sids(gated)).containsExactly("LetPartnerReadReports", "BucketWardenDenyResultTagWrites",
				"BucketWardenDenyResultTagChanges", "BucketWardenDenyGuardDutyTagChanges", "BucketWardenDenyCopiedTags",
				"BucketWardenReadGate");
		JsonNode gate = gated.get("Statement").get(5);
		assertThat(gate.get("Condition").toString()).isEqualTo(
				"{\"StringNotEquals\":{\"s3:ExistingObjectTag/GuardDutyMalwareScanStatus\":\"NO_THREATS_FOUND\"},"
						+ "\"ArnNotEquals\":{\"aws:PrincipalArn\":[\"" + EVENT_AGENT + "\",\"" + API_AGENT + "\",\""
						+ BREAK_GLASS + "\"]}}");
		assertThat(JSON.readTree(send("GET", this.viewer, null).body()).get("readGate").asString())
			.isEqualTo("APPLIED");

		assertThat(send("POST", this.admin, "{\"readGate\":false}").statusCode()).isEqualTo(200);

		JsonNode ungated = JSON.readTree(policy().orElseThrow());
		assertThat(sids(ungated)).containsExactly("LetPartnerReadReports", "BucketWardenDenyResultTagWrites",
				"BucketWardenDenyResultTagChanges", "BucketWardenDenyGuardDutyTagChanges",
				"BucketWardenDenyCopiedTags");
		assertThat(JSON.writeValueAsString(ungated.get("Statement").get(0))).isEqualTo(this.foreign);
	}

	@Test
	void shouldRefuseAReadGateOnABucketNothingTags() throws Exception {
		HttpResponse<String> refused = send("POST", this.admin, "{\"readGate\":true}");

		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(detail(refused)).contains("is not protected: nothing would tag its objects Clean");
		assertThat(policy()).isEmpty();
	}

	@Test
	void shouldRefuseAPolicyItCannotParseAndLeaveIt() throws Exception {
		String broken = "{\"Version\":\"2012-10-17\",\"Statement\":[" + this.foreign;
		putPolicy(broken);

		HttpResponse<String> refused = send("POST", this.admin, "{}");

		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(detail(refused))
			.startsWith("The bucket policy of " + this.bucket + " is not a policy BucketWarden" + " can merge into (");
		assertThat(policy()).contains(broken);
		assertThat(JSON.readTree(send("GET", this.viewer, null).body()).get("policyProblem").asString())
			.startsWith("The bucket policy of " + this.bucket + " is not a policy");
		assertThat(audit()).contains("\"action\":\"bucket.policy.refuse\"").contains("is not a policy BucketWarden");
	}

	@Test
	void shouldRefuseAMergeThatWouldPassS3sSizeLimitAndLeaveThePolicy() throws Exception {
		List<String> statements = new ArrayList<>();
		for (int i = 0; statements.size() * this.foreign.length() < 19 * 1024; i++) {
			statements.add(this.foreign.replace("LetPartnerReadReports", "LetPartnerReadReports" + i));
		}
		String large = "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
		assertThat(large.length()).isLessThan(20 * 1024);
		putPolicy(large);

		HttpResponse<String> refused = send("POST", this.admin, "{}");

		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(detail(refused)).contains("over S3's limit of 20480");
		assertThat(policy()).contains(large);
	}

	@Test
	void shouldLetViewersSeeTheStatementsButNotApplyThem() throws Exception {
		HttpResponse<String> seen = send("GET", this.viewer, null);
		assertThat(seen.statusCode()).isEqualTo(200);
		JsonNode view = JSON.readTree(seen.body());
		assertThat(view.get("available").asBoolean()).isTrue();
		assertThat(view.get("statements")).hasSize(4);
		assertThat(view.get("readGateStatement").get("Sid").asString()).isEqualTo("BucketWardenReadGate");

		assertThat(send("POST", this.viewer, "{}").statusCode()).isEqualTo(403);

		assertThat(policy()).isEmpty();
	}

	private void protect(TagSchema schema) {
		this.stack.settings.put(new StoredBucket(this.bucket,
				new BucketSettings(true, schema, Remediation.KEEP, null, DataSize.ofGigabytes(5)), BucketRules.NONE,
				Instant.now(), "test"));
	}

	private void putPolicy(String policy) {
		this.s3.putBucketPolicy((r) -> r.bucket(this.bucket).policy(policy));
	}

	private Optional<String> policy() {
		try {
			return Optional.of(this.s3.getBucketPolicy((r) -> r.bucket(this.bucket)).policy());
		}
		catch (S3Exception ex) {
			if ("NoSuchBucketPolicy".equals(ex.awsErrorDetails().errorCode())) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	private static List<String> sids(JsonNode policy) {
		List<String> sids = new ArrayList<>();
		policy.get("Statement").values().forEach((statement) -> sids.add(statement.get("Sid").asString()));
		return sids;
	}

	private String audit() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/audit"))
			.header("Authorization", "Bearer " + this.viewer)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

	private static String detail(HttpResponse<String> response) {
		return JSON.readTree(response.body()).get("detail").asString();
	}

	private HttpResponse<String> send(String method, String token, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/buckets/" + this.bucket + "/policy"))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody())
			.header("Authorization", "Bearer " + token);
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
