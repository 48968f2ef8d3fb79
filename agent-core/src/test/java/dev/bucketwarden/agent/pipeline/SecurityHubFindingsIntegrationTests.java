package dev.bucketwarden.agent.pipeline;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import org.springframework.util.unit.DataSize;

import dev.bucketwarden.agent.findings.ConsoleIntegrationsPublisher;
import dev.bucketwarden.agent.findings.IntegrationSinks;
import dev.bucketwarden.agent.findings.SecurityHubStandIn;
import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.aws.S3Buckets;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.junit.ClamdExtension;
import dev.bucketwarden.local.junit.DynamoDbLocalExtension;
import dev.bucketwarden.local.junit.S3MockExtension;
import dev.bucketwarden.local.moto.MotoOptions;
import dev.bucketwarden.local.moto.MotoServer;
import dev.bucketwarden.local.s3mock.S3MockServer;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.settings.BucketRules;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.DynamoDbBucketSettingsProvider;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;
import dev.bucketwarden.store.settings.Remediation;
import dev.bucketwarden.store.settings.StoredBucket;
import dev.bucketwarden.store.settings.StoredIntegrations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security Hub findings end to end: objects on S3Mock scanned by the real pipeline with a
 * real clamd, the Security Hub toggle saved in the settings table as the console saves
 * it, findings imported into moto's Security Hub and read back with GetFindings. An
 * infected object becomes one finding; a rescan updates it (same id, first CreatedAt);
 * allow-listing resolves it; quarantining archives and resolves it; a Clean rescan of an
 * Unscannable object resolves that one.
 */
@ExtendWith({ S3MockExtension.class, DynamoDbLocalExtension.class, ClamdExtension.class })
class SecurityHubFindingsIntegrationTests {

	private static final String EICAR = "BucketWarden.Test.Eicar.UNOFFICIAL";

	private static int run;

	private static MotoServer moto;

	private static SecurityHubStandIn hub;

	private S3Client s3;

	private DynamoDbSettingsTable settings;

	private ScanPipeline pipeline;

	private String bucket;

	private String quarantine;

	@BeforeAll
	static void startMoto() {
		moto = MotoServer.start(MotoOptions.in(Path.of("target", "moto-sechub-e2e-" + ProcessHandle.current().pid())));
		hub = new SecurityHubStandIn(moto);
	}

	@AfterAll
	static void stopMoto() {
		if (moto != null) {
			moto.close();
		}
	}

	@BeforeEach
	void pipeline(S3MockServer s3mock, DynamoDbLocalServer dynamodb, ClamdServer clamd) {
		moto.reset();
		run++;
		this.bucket = "sechub-" + run;
		this.quarantine = "sechub-q-" + run;
		this.s3 = AwsClients.s3(s3mock);
		S3Buckets.createVersioned(this.s3, this.bucket);
		this.s3.createBucket((request) -> request.bucket(this.quarantine));
		DynamoDbClient dynamo = AwsClients.dynamoDb(dynamodb);
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbSettingsTable.tableDefinition("sechub-settings-" + run),
				Duration.ofSeconds(30));
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbResultStore.tableDefinition("sechub-results-" + run),
				Duration.ofSeconds(30));
		this.settings = new DynamoDbSettingsTable(dynamo, "sechub-settings-" + run);
		// As the console saves the toggle: Infected and Unscannable results, not errors.
		this.settings.putIntegrations(
				new StoredIntegrations(null, null, null, new StoredIntegrations.SecurityHub(true, true, false)));
		ConsoleIntegrationsPublisher findings = new ConsoleIntegrationsPublisher(
				this.settings, new IntegrationSinks(StoredIntegrations.NONE, () -> null, () -> null,
						Duration.ofSeconds(5), false, false, hub::target, Clock.systemUTC()),
				Duration.ZERO, Clock.systemUTC());
		this.pipeline = new ScanPipeline(new ObjectStore(this.s3, 5L << 30, 512L << 20), ClamavChains.on(clamd),
				new DynamoDbResultStore(dynamo, "sechub-results-" + run), findings,
				new DynamoDbBucketSettingsProvider(this.settings, BucketSettings.quarantineTo("unused"), Duration.ZERO,
						Clock.systemUTC()),
				Duration.ofSeconds(60), Clock.systemUTC());
	}

	@Test
	void shouldImportAnInfectedObjectAsOneFindingThatRescansUpdateAndAllowListingResolves() {
		protect(BucketSettings.quarantineTo(this.quarantine).withRemediation(Remediation.KEEP), BucketRules.NONE);
		PutObjectResponse put = put("uploads/invoice.pdf", Samples.eicar());

		ScanRecord first = scan("uploads/invoice.pdf", put, ScanSource.EVENT, RescanPolicy.NEVER);

		assertThat(first.status()).isEqualTo(ResultStatus.INFECTED);
		Map<String, Object> created = onlyFinding();
		assertThat(created).containsEntry("ProductArn", hub.productArn())
			.containsEntry("GeneratorId", "bucketwarden-malware-scan")
			.containsEntry("AwsAccountId", SecurityHubStandIn.ACCOUNT)
			.containsEntry("RecordState", "ACTIVE")
			.containsEntry("Workflow", Map.of("Status", "NEW"))
			.containsEntry("Types", List.of("TTPs/Initial Access/Malicious File"))
			.containsEntry("Severity", Map.of("Label", "CRITICAL", "Original", "Infected"))
			.containsEntry("Malware", List.of(Map.of("Name", EICAR, "State", "OBSERVED")));
		assertThat(resources(created)).extracting((resource) -> resource.get("Type"), (resource) -> resource.get("Id"))
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("AwsS3Object",
							"arn:aws:s3:::" + this.bucket + "/uploads/invoice.pdf"),
					org.assertj.core.groups.Tuple.tuple("AwsS3Bucket", "arn:aws:s3:::" + this.bucket));
		assertThat(productFields(created)).containsEntry("bucketwarden/signatures", EICAR)
			.containsEntry("bucketwarden/versionId", put.versionId())
			.containsEntry("bucketwarden/recordId", first.id());
		assertThat(productFields(created).get("bucketwarden/engines")).startsWith("clamav Infected");

		ScanRecord rescanned = scan("uploads/invoice.pdf", put, ScanSource.API, RescanPolicy.ALWAYS);

		assertThat(rescanned.id()).isNotEqualTo(first.id());
		Map<String, Object> updated = onlyFinding();
		assertThat(updated).as("the same finding, updated")
			.containsEntry("Id", created.get("Id"))
			.containsEntry("CreatedAt", created.get("CreatedAt"))
			.containsEntry("RecordState", "ACTIVE");
		assertThat(productFields(updated)).containsEntry("bucketwarden/recordId", rescanned.id());
		assertThat(Instant.parse((String) updated.get("UpdatedAt")))
			.isAfterOrEqualTo(Instant.parse((String) created.get("UpdatedAt")));

		protect(BucketSettings.quarantineTo(this.quarantine).withRemediation(Remediation.KEEP),
				new BucketRules(List.of(), List.of(), List.of(EICAR), List.of()));
		ScanRecord allowed = scan("uploads/invoice.pdf", put, ScanSource.API, RescanPolicy.ALWAYS);

		assertThat(allowed.status()).isEqualTo(ResultStatus.INFECTED_ALLOWED);
		assertThat(onlyFinding()).containsEntry("Id", created.get("Id"))
			.containsEntry("CreatedAt", created.get("CreatedAt"))
			.containsEntry("Workflow", Map.of("Status", "RESOLVED"))
			.containsEntry("FindingProviderFields", Map.of("Types", List.of("TTPs/Initial Access/Malicious File"),
					"Severity", Map.of("Label", "LOW", "Original", "InfectedAllowed")));
	}

	@Test
	void shouldArchiveAndResolveTheFindingOfAQuarantinedObject() {
		protect(BucketSettings.quarantineTo(this.quarantine), BucketRules.NONE);
		PutObjectResponse put = put("uploads/setup.exe", Samples.eicar());

		ScanRecord record = scan("uploads/setup.exe", put, ScanSource.EVENT, RescanPolicy.NEVER);

		assertThat(record.remediation().name()).isEqualTo("QUARANTINED");
		assertThat(onlyFinding()).containsEntry("RecordState", "ARCHIVED")
			.containsEntry("Workflow", Map.of("Status", "RESOLVED"))
			.containsEntry("Severity", Map.of("Label", "HIGH", "Original", "Infected"))
			.containsEntry("Malware", List.of(Map.of("Name", EICAR, "State", "REMOVED")));
	}

	@Test
	void shouldResolveTheFindingOfAnUnscannableObjectWhenARescanFindsItClean() {
		protect(BucketSettings.quarantineTo(this.quarantine).withMaxSize(DataSize.ofBytes(1000)), BucketRules.NONE);
		PutObjectResponse put = put("exports/big.bin", Samples.random(5000, 3));
		PutObjectResponse clean = put("exports/small.txt", "hello".getBytes());

		assertThat(scan("exports/big.bin", put, ScanSource.EVENT, RescanPolicy.NEVER).status())
			.isEqualTo(ResultStatus.UNSCANNABLE);
		assertThat(scan("exports/small.txt", clean, ScanSource.EVENT, RescanPolicy.NEVER).status())
			.isEqualTo(ResultStatus.CLEAN);
		Map<String, Object> unscannable = onlyFinding();
		assertThat(unscannable).containsEntry("RecordState", "ACTIVE")
			.containsEntry("Severity", Map.of("Label", "MEDIUM", "Original", "Unscannable"));

		protect(BucketSettings.quarantineTo(this.quarantine), BucketRules.NONE);
		assertThat(scan("exports/big.bin", put, ScanSource.API, RescanPolicy.ALWAYS).status())
			.isEqualTo(ResultStatus.CLEAN);

		assertThat(onlyFinding()).containsEntry("Id", unscannable.get("Id"))
			.containsEntry("CreatedAt", unscannable.get("CreatedAt"))
			.containsEntry("RecordState", "ARCHIVED")
			.containsEntry("Workflow", Map.of("Status", "RESOLVED"));
	}

	private Map<String, Object> onlyFinding() {
		List<Map<String, Object>> findings = hub.findings();
		assertThat(findings).as("one finding per object version").hasSize(1);
		return findings.getFirst();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> resources(Map<String, Object> finding) {
		return (List<Map<String, Object>>) finding.get("Resources");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> productFields(Map<String, Object> finding) {
		return (Map<String, String>) finding.get("ProductFields");
	}

	private void protect(BucketSettings bucketSettings, BucketRules rules) {
		this.settings.put(new StoredBucket(this.bucket, bucketSettings, rules, Instant.now(), "test"));
	}

	private PutObjectResponse put(String key, byte[] content) {
		return this.s3.putObject((request) -> request.bucket(this.bucket).key(key), RequestBody.fromBytes(content));
	}

	private ScanRecord scan(String key, PutObjectResponse put, ScanSource source, RescanPolicy rescan) {
		return this.pipeline
			.process(new ScanTarget(this.bucket, key, put.versionId(), put.eTag(), source), Attempt.only(), rescan)
			.record();
	}

}
