package dev.bucketwarden.agent.pipeline;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

import dev.bucketwarden.agent.accounts.AccountClients;
import dev.bucketwarden.agent.accounts.AssumeRoleRequests;
import dev.bucketwarden.agent.accounts.LinkedS3Clients;
import dev.bucketwarden.agent.accounts.TableLinkedAccounts;
import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.agent.trust.BucketPatterns;
import dev.bucketwarden.agent.trust.BucketProtection;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.junit.ClamdExtension;
import dev.bucketwarden.local.junit.DynamoDbLocalExtension;
import dev.bucketwarden.local.junit.S3MockExtension;
import dev.bucketwarden.local.moto.MotoOptions;
import dev.bucketwarden.local.moto.MotoServer;
import dev.bucketwarden.local.s3mock.S3MockServer;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.local.support.AwsEmulator;
import dev.bucketwarden.store.accounts.AccountQuarantine;
import dev.bucketwarden.store.accounts.LinkedAccount;
import dev.bucketwarden.store.accounts.LinkedAccountTable;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.settings.BucketHome;
import dev.bucketwarden.store.settings.BucketRules;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.DynamoDbBucketSettingsProvider;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;
import dev.bucketwarden.store.settings.StoredBucket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Buckets of linked accounts through the real pipeline (S3Mock, DynamoDB Local, clamd,
 * moto's STS): a linked account's bucket is read, tagged and quarantined in the account
 * with requests signed by the assumed role's key (the session GetCallerIdentity names); a
 * bucket whose home names an account that is not linked, or no longer, is recorded
 * Skipped and never touched; an event of another account is refused.
 */
@ExtendWith({ S3MockExtension.class, DynamoDbLocalExtension.class, ClamdExtension.class })
class LinkedAccountPipelineIntegrationTests {

	private static final String LINKED = "111122223333";

	private static final String UNLINKED = "999988887777";

	private static int run;

	private static MotoServer moto;

	private final List<Signed> requests = new CopyOnWriteArrayList<>();

	private S3Client setup;

	private S3Client own;

	private StsClient sts;

	private AccountClients clients;

	private DynamoDbSettingsTable settings;

	private LinkedAccountTable links;

	private DynamoDbResultStore results;

	private ScanPipeline pipeline;

	private String bucket;

	private String quarantine;

	@BeforeAll
	static void startMoto() {
		moto = MotoServer.start(MotoOptions.in(Path.of("target", "moto-linked-" + ProcessHandle.current().pid())));
	}

	@AfterAll
	static void stopMoto() {
		if (moto != null) {
			moto.close();
		}
	}

	@BeforeEach
	void pipeline(S3MockServer s3mock, DynamoDbLocalServer dynamodb, ClamdServer clamd) {
		run++;
		this.bucket = "linked-" + run;
		this.quarantine = "linked-q-" + run;
		this.setup = AwsClients.s3(s3mock);
		for (String name : List.of(this.bucket, this.quarantine, "unlinked-" + run, "central-q-" + run)) {
			this.setup.createBucket((request) -> request.bucket(name));
		}
		DynamoDbClient dynamo = AwsClients.dynamoDb(dynamodb);
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbSettingsTable.tableDefinition("linked-settings-" + run),
				Duration.ofSeconds(30));
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbResultStore.tableDefinition("linked-results-" + run),
				Duration.ofSeconds(30));
		this.settings = new DynamoDbSettingsTable(dynamo, "linked-settings-" + run);
		this.links = new LinkedAccountTable(this.settings);
		this.results = new DynamoDbResultStore(dynamo, "linked-results-" + run);
		// The agent's own client records each request's access key; a linked account's
		// client is made like it, so it records too.
		this.own = AwsClients.s3Builder(s3mock.endpoint())
			.overrideConfiguration((config) -> config.addExecutionInterceptor(new KeyRecorder(this.requests)))
			.build();
		this.sts = sts(AwsBasicCredentials.create(moto.accessKeyId(), moto.secretAccessKey()));
		Clock clock = Clock.systemUTC();
		DynamoDbBucketSettingsProvider buckets = new DynamoDbBucketSettingsProvider(this.settings,
				BucketSettings.quarantineTo("central-q-" + run), Duration.ZERO, clock);
		TableLinkedAccounts linked = new TableLinkedAccounts(this.links, Duration.ZERO, clock);
		this.clients = new AccountClients(this.own, null, linked, buckets, new LinkedS3Clients(this.own, true, this.sts,
				AssumeRoleRequests.sessionName("test-agent"), Duration.ofHours(1), Duration.ofMinutes(5), clock));
		this.pipeline = new ScanPipeline(new ObjectStore(this.clients, 5L << 30, 512L << 20, false),
				new ChainSelector(ClamavChains.on(clamd)), this.results, (record) -> {
				}, buckets, new BucketProtection(BucketPatterns.of(List.of()), linked, null), Duration.ofSeconds(60),
				clock, List.of());
	}

	@AfterEach
	void close() {
		this.clients.close();
		this.own.close();
		this.sts.close();
		this.setup.close();
	}

	@Test
	void shouldScanAndQuarantineALinkedBucketWithTheAssumedRole() {
		this.links.put(link(AccountQuarantine.IN_ACCOUNT, this.quarantine));
		protect(this.bucket, this.quarantine, LINKED);
		String eTag = put(this.bucket, "bad.com", Samples.eicar());

		PipelineResult result = this.pipeline.process(
				new ScanTarget(this.bucket, "bad.com", null, eTag, ScanSource.EVENT), Attempt.ofReceiveCount("1", 3));

		assertThat(result.outcome()).isEqualTo(PipelineResult.Outcome.SCANNED);
		ScanRecord record = recordOf(this.bucket).orElseThrow();
		assertThat(record.status()).isEqualTo(ResultStatus.INFECTED);
		assertThat(record.remediation()).isEqualTo(RemediationState.QUARANTINED);
		assertThat(record.quarantineLocation()).startsWith("s3://" + this.quarantine + "/");
		assertThat(this.setup.listObjectsV2((request) -> request.bucket(this.bucket)).contents()).isEmpty();

		AwsSessionCredentials session = assumed();
		try (StsClient asRole = sts(session)) {
			assertThat(asRole.getCallerIdentity().arn())
				.isEqualTo("arn:aws:sts::" + LINKED + ":assumed-role/bucketwarden-linked/bucketwarden-test-agent");
		}
		assertThat(this.requests).as("every call on the account's buckets")
			.filteredOn((signed) -> signed.bucket().equals(this.bucket) || signed.bucket().equals(this.quarantine))
			.hasSizeGreaterThanOrEqualTo(4)
			.extracting(Signed::accessKey)
			.containsOnly(session.accessKeyId());
		assertThat(session.accessKeyId()).isNotEqualTo(AwsEmulator.ACCESS_KEY_ID);
	}

	@Test
	void shouldQuarantineCentrallyReadingThroughTheRole() {
		this.links.put(link(AccountQuarantine.CENTRAL, null));
		protect(this.bucket, "central-q-" + run, LINKED);
		String eTag = put(this.bucket, "bad.com", Samples.eicar());

		this.pipeline.process(new ScanTarget(this.bucket, "bad.com", null, eTag, ScanSource.EVENT),
				Attempt.ofReceiveCount("1", 3));

		assertThat(recordOf(this.bucket).orElseThrow().quarantineLocation()).startsWith("s3://central-q-" + run + "/");
		String assumed = assumed().accessKeyId();
		assertThat(this.requests).filteredOn((signed) -> signed.bucket().equals(this.bucket))
			.extracting(Signed::accessKey)
			.containsOnly(assumed);
	}

	@Test
	void shouldRefuseABucketOfAnAccountThatIsNotLinked() {
		String unlinked = "unlinked-" + run;
		protect(unlinked, "central-q-" + run, UNLINKED);
		String eTag = put(unlinked, "bad.com", Samples.eicar());

		PipelineResult result = this.pipeline.process(new ScanTarget(unlinked, "bad.com", null, eTag, ScanSource.EVENT),
				Attempt.ofReceiveCount("1", 3));

		assertUntouchedAndSkipped(result, unlinked, "not protected: account " + UNLINKED + " is not linked");
	}

	@Test
	void shouldRefuseALinkedBucketOnceItsLinkIsRemoved() {
		this.links.put(link(AccountQuarantine.IN_ACCOUNT, this.quarantine));
		protect(this.bucket, this.quarantine, LINKED);
		String clean = put(this.bucket, "clean.txt", "hello".getBytes());
		assertThat(this.pipeline
			.process(new ScanTarget(this.bucket, "clean.txt", null, clean, ScanSource.EVENT),
					Attempt.ofReceiveCount("1", 3))
			.outcome()).isEqualTo(PipelineResult.Outcome.SCANNED);

		this.links.delete(LINKED);
		this.requests.clear();
		String eTag = put(this.bucket, "bad.com", Samples.eicar());
		PipelineResult result = this.pipeline.process(
				new ScanTarget(this.bucket, "bad.com", null, eTag, ScanSource.EVENT), Attempt.ofReceiveCount("1", 3));

		assertUntouchedAndSkipped(result, this.bucket, "not protected: account " + LINKED + " is not linked");
	}

	@Test
	void shouldRefuseAnEventOfAnotherAccount() {
		this.links.put(link(AccountQuarantine.IN_ACCOUNT, this.quarantine));
		protect(this.bucket, this.quarantine, LINKED);
		String eTag = put(this.bucket, "bad.com", Samples.eicar());

		PipelineResult result = this.pipeline.process(
				new ScanTarget(this.bucket, "bad.com", null, eTag, ScanSource.EVENT, Instant.now(), "444455556666"),
				Attempt.ofReceiveCount("1", 3));

		assertUntouchedAndSkipped(result, this.bucket,
				"not protected: an event of account 444455556666 for a bucket of account " + LINKED);
	}

	private void assertUntouchedAndSkipped(PipelineResult result, String bucket, String reason) {
		assertThat(result.outcome()).isEqualTo(PipelineResult.Outcome.NOT_PROTECTED);
		ScanRecord record = recordOf(bucket).orElseThrow();
		assertThat(record.status()).isEqualTo(ResultStatus.SKIPPED);
		assertThat(record.reason()).isEqualTo(reason);
		assertThat(this.setup.getObjectTagging((request) -> request.bucket(bucket).key("bad.com")).tagSet())
			.as("never tagged")
			.isEmpty();
		assertThat(this.requests).as("never fetched, tagged or moved")
			.filteredOn((signed) -> signed.bucket().equals(bucket))
			.isEmpty();
	}

	/** The credentials the linked account's client signs with now. */
	private AwsSessionCredentials assumed() {
		AwsSessionCredentialsIdentity identity = (AwsSessionCredentialsIdentity) this.clients.forAccount(LINKED)
			.serviceClientConfiguration()
			.credentialsProvider()
			.resolveIdentity()
			.join();
		return AwsSessionCredentials.create(identity.accessKeyId(), identity.secretAccessKey(),
				identity.sessionToken());
	}

	private Optional<ScanRecord> recordOf(String bucket) {
		return this.results.scan(100)
			.stream()
			.filter((record) -> record.bucket().equals(bucket) && record.key().equals("bad.com"))
			.findFirst();
	}

	private void protect(String bucket, String quarantineBucket, String account) {
		this.settings.put(new StoredBucket(bucket, BucketSettings.quarantineTo(quarantineBucket), BucketRules.NONE,
				Instant.now(), "admin", new BucketHome(null, account)));
	}

	private String put(String bucket, String key, byte[] content) {
		return this.setup.putObject((request) -> request.bucket(bucket).key(key), RequestBody.fromBytes(content))
			.eTag();
	}

	private LinkedAccount link(AccountQuarantine quarantine, String bucket) {
		return new LinkedAccount(LINKED, "Team A", "arn:aws:iam::" + LINKED + ":role/bucketwarden-linked",
				"external-" + run, quarantine, bucket, null, null, Instant.now(), "admin");
	}

	private static StsClient sts(AwsCredentials credentials) {
		return StsClient.builder()
			.endpointOverride(moto.endpoint())
			.region(Region.of(AwsEmulator.REGION))
			.credentialsProvider(StaticCredentialsProvider.create(credentials))
			.build();
	}

	/** A request's bucket (path-style) and the access key its signature names. */
	record Signed(String bucket, String accessKey) {
	}

	/** Records the access key of every S3 request as it leaves. */
	private record KeyRecorder(List<Signed> requests) implements ExecutionInterceptor {

		@Override
		public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
			String path = context.httpRequest().encodedPath();
			String bucket = path.replaceFirst("^/", "").replaceFirst("/.*$", "");
			String authorization = context.httpRequest().firstMatchingHeader("Authorization").orElse("");
			String key = authorization.replaceFirst("^.*Credential=", "").replaceFirst("/.*$", "");
			this.requests.add(new Signed(bucket, key));
		}

	}

}
