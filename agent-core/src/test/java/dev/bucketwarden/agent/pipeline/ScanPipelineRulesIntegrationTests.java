package dev.bucketwarden.agent.pipeline;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.Tag;

import dev.bucketwarden.agent.findings.CompositeFindingPublisher;
import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.aws.S3Buckets;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.junit.ClamdExtension;
import dev.bucketwarden.local.junit.DynamoDbLocalExtension;
import dev.bucketwarden.local.junit.S3MockExtension;
import dev.bucketwarden.local.s3mock.S3MockServer;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.settings.BucketRules;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.DynamoDbBucketSettingsProvider;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;
import dev.bucketwarden.store.settings.StoredBucket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's bucket rules as the pipeline applies them, on S3Mock, DynamoDB Local and
 * a real clamd: skipped keys are recorded as Skipped and never tagged; an allow-listed
 * signature or content digest makes an infected object InfectedAllowed, tagged and left
 * in place although the bucket quarantines; anything else infected is quarantined.
 */
@ExtendWith({ S3MockExtension.class, DynamoDbLocalExtension.class, ClamdExtension.class })
class ScanPipelineRulesIntegrationTests {

	private static int run;

	private S3Client s3;

	private DynamoDbSettingsTable settings;

	private DynamoDbResultStore results;

	private ScanPipeline pipeline;

	private String bucket;

	private String quarantine;

	@BeforeEach
	void pipeline(S3MockServer s3mock, DynamoDbLocalServer dynamodb, ClamdServer clamd) {
		run++;
		this.bucket = "rules-" + run;
		this.quarantine = "rules-q-" + run;
		this.s3 = AwsClients.s3(s3mock);
		S3Buckets.createVersioned(this.s3, this.bucket);
		this.s3.createBucket((request) -> request.bucket(this.quarantine));
		DynamoDbClient dynamo = AwsClients.dynamoDb(dynamodb);
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbSettingsTable.tableDefinition("rules-settings-" + run),
				Duration.ofSeconds(30));
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbResultStore.tableDefinition("rules-results-" + run),
				Duration.ofSeconds(30));
		this.settings = new DynamoDbSettingsTable(dynamo, "rules-settings-" + run);
		this.results = new DynamoDbResultStore(dynamo, "rules-results-" + run);
		EngineChain chain = ClamavChains.on(clamd);
		this.pipeline = new ScanPipeline(new ObjectStore(this.s3, 5L << 30, 512L << 20), chain, this.results,
				new CompositeFindingPublisher(List.of()), new DynamoDbBucketSettingsProvider(this.settings,
						BucketSettings.quarantineTo("unused"), Duration.ofSeconds(1), Clock.systemUTC()),
				Duration.ofSeconds(60), Clock.systemUTC());
	}

	@Test
	void shouldRecordSkippedKeysWithoutScanningOrTagging() {
		rules(new BucketRules(List.of("tmp/"), List.of(".part"), List.of(), List.of()));
		PutObjectResponse put = put("uploads/eicar.com.part", Samples.eicar());

		PipelineResult result = scan("uploads/eicar.com.part", put, ScanSource.EVENT);

		assertThat(result.outcome()).isEqualTo(PipelineResult.Outcome.IGNORED);
		assertThat(result.record().status()).isEqualTo(ResultStatus.SKIPPED);
		assertThat(result.record().reason()).contains("skip rules");
		assertThat(tags("uploads/eicar.com.part", put)).isEmpty();
		PutObjectResponse explicit = put("tmp/eicar.com", Samples.eicar());
		assertThat(scan("tmp/eicar.com", explicit, ScanSource.API).record().status())
			.as("an explicit request is scanned whatever the rules")
			.isEqualTo(ResultStatus.INFECTED);
	}

	@Test
	void shouldKeepAnAllowListedSignatureInPlace() {
		rules(new BucketRules(List.of(), List.of(), List.of("BucketWarden.Test.Eicar.UNOFFICIAL"), List.of()));
		PutObjectResponse put = put("docs/eicar.txt", Samples.eicar());

		ScanRecord record = scan("docs/eicar.txt", put, ScanSource.EVENT).record();

		assertThat(record.status()).isEqualTo(ResultStatus.INFECTED_ALLOWED);
		assertThat(record.signatures()).containsExactly("BucketWarden.Test.Eicar.UNOFFICIAL");
		assertThat(record.remediation()).isEqualTo(RemediationState.KEPT);
		assertThat(tags("docs/eicar.txt", put)).containsEntry("scan-result", "InfectedAllowed");
		assertThat(this.results.find(this.bucket, "docs/eicar.txt", put.versionId(), record.eTag()))
			.hasValueSatisfying((saved) -> assertThat(saved.status()).isEqualTo(ResultStatus.INFECTED_ALLOWED));
	}

	@Test
	void shouldKeepAnAllowListedDigestInPlaceAndQuarantineOtherContent() throws Exception {
		byte[] known = Samples.randomWithMarkerAtEnd(300_000, 7);
		String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(known));
		rules(new BucketRules(List.of(), List.of(), List.of(sha256.toUpperCase()), List.of()));
		PutObjectResponse allowed = put("known/false-positive.bin", known);
		PutObjectResponse other = put("other/marker.bin", Samples.randomWithMarkerAtEnd(300_000, 8));

		ScanRecord kept = scan("known/false-positive.bin", allowed, ScanSource.EVENT).record();
		ScanRecord quarantined = scan("other/marker.bin", other, ScanSource.EVENT).record();

		assertThat(kept.status()).isEqualTo(ResultStatus.INFECTED_ALLOWED);
		assertThat(kept.remediation()).isEqualTo(RemediationState.KEPT);
		assertThat(quarantined.status()).isEqualTo(ResultStatus.INFECTED);
		assertThat(quarantined.remediation()).isEqualTo(RemediationState.QUARANTINED);
	}

	private void rules(BucketRules rules) {
		this.settings.put(new StoredBucket(this.bucket, BucketSettings.quarantineTo(this.quarantine), rules,
				Instant.now(), "test"));
	}

	private PutObjectResponse put(String key, byte[] content) {
		return this.s3.putObject((request) -> request.bucket(this.bucket).key(key), RequestBody.fromBytes(content));
	}

	private PipelineResult scan(String key, PutObjectResponse put, ScanSource source) {
		return this.pipeline.process(new ScanTarget(this.bucket, key, put.versionId(), put.eTag(), source),
				Attempt.only());
	}

	private Map<String, String> tags(String key, PutObjectResponse put) {
		return this.s3.getObjectTagging((request) -> request.bucket(this.bucket).key(key).versionId(put.versionId()))
			.tagSet()
			.stream()
			.collect(Collectors.toMap(Tag::key, Tag::value));
	}

}
