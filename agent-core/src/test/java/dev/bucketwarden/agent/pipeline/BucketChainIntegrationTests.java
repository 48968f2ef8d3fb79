package dev.bucketwarden.agent.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.Tag;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import dev.bucketwarden.agent.config.AgentCoreAutoConfigurations;
import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.spi.ErrorKind;
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
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.settings.BucketRules;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;
import dev.bucketwarden.store.settings.Remediation;
import dev.bucketwarden.store.settings.StoredBucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One agent pipeline, configured as an operator would with the chain clamav + premium
 * (run all), serving buckets whose console settings name different engines: each bucket's
 * objects are scanned by its engines only (the records say which ran), an engine the
 * agent does not run is a recorded, tagged, acknowledged Error and never Clean, and a
 * changed list applies within the settings refresh interval. Real clamd, S3Mock and
 * DynamoDB Local.
 */
@ExtendWith({ S3MockExtension.class, DynamoDbLocalExtension.class, ClamdExtension.class })
class BucketChainIntegrationTests {

	private static int run;

	private S3Client s3;

	private DynamoDbSettingsTable settings;

	private DynamoDbResultStore results;

	private ApplicationContextRunner runner;

	private String prefix;

	@BeforeEach
	void stack(S3MockServer s3mock, DynamoDbLocalServer dynamodb, ClamdServer clamd) {
		run++;
		this.prefix = "chains-" + run;
		this.s3 = AwsClients.s3(s3mock);
		DynamoDbClient dynamo = AwsClients.dynamoDb(dynamodb);
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbSettingsTable.tableDefinition(this.prefix + "-settings"),
				Duration.ofSeconds(30));
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbResultStore.tableDefinition(this.prefix + "-results"),
				Duration.ofSeconds(30));
		this.settings = new DynamoDbSettingsTable(dynamo, this.prefix + "-settings");
		this.results = new DynamoDbResultStore(dynamo, this.prefix + "-results");
		this.runner = new ApplicationContextRunner().withConfiguration(AgentCoreAutoConfigurations.agentCore())
			.withBean(S3Client.class, () -> this.s3)
			.withBean(DynamoDbClient.class, () -> dynamo)
			.withPropertyValues("bucketwarden.engines.clamav.host=127.0.0.1",
					"bucketwarden.engines.clamav.port=" + clamd.port(), "bucketwarden.chain.engines=clamav,premium",
					"bucketwarden.chain.policy=RUN_ALL", "bucketwarden.settings.table=" + this.prefix + "-settings",
					"bucketwarden.settings.refresh-interval=1s",
					"bucketwarden.results.table=" + this.prefix + "-results");
	}

	@Test
	void shouldRunOnlyTheEnginesEachBucketNames() throws IOException {
		String onlyPremium = bucket("a", List.of("premium"));
		String onlyClamav = bucket("b", List.of("clamav"));
		String agentChain = bucket("c", List.of());
		byte[] elf = Files.readAllBytes(Path.of("/usr/bin/true"));
		run((pipeline) -> {
			ScanRecord eicarInA = scan(pipeline, onlyPremium, "eicar.com", Samples.eicar());
			ScanRecord eicarInB = scan(pipeline, onlyClamav, "eicar.com", Samples.eicar());
			ScanRecord eicarInC = scan(pipeline, agentChain, "eicar.com", Samples.eicar());
			ScanRecord elfInA = scan(pipeline, onlyPremium, "holiday.jpg", elf);
			ScanRecord elfInB = scan(pipeline, onlyClamav, "holiday.jpg", elf);

			assertThat(engines(eicarInA)).as("premium alone has no EICAR signature").containsExactly("premium:Clean");
			assertThat(eicarInA.status()).isEqualTo(ResultStatus.CLEAN);
			assertThat(engines(eicarInB)).containsExactly("clamav:Infected");
			assertThat(eicarInB.signatures()).containsExactly("BucketWarden.Test.Eicar.UNOFFICIAL");
			assertThat(engines(eicarInC)).as("an empty list is the agent's chain")
				.containsExactly("clamav:Infected", "premium:Clean");
			assertThat(engines(elfInA)).containsExactly("premium:Infected");
			assertThat(elfInA.signatures()).containsExactly("BucketWarden.Policy.DisguisedExecutable");
			assertThat(engines(elfInB)).containsExactly("clamav:Clean");
			assertThat(tags(onlyPremium, "eicar.com")).containsEntry("scan-result", "Clean")
				.hasEntrySatisfying("scan-engines",
						(value) -> assertThat(value).startsWith("premium:").doesNotContain("clamav"));
			assertThat(this.results.find(onlyClamav, "eicar.com", eicarInB.versionId(), eicarInB.eTag()))
				.hasValueSatisfying((saved) -> assertThat(saved.engines()).extracting(ScanRecord.EngineRecord::engineId)
					.containsExactly("clamav"));
		}, (context) -> assertThat(context.getBean(EngineChain.class).members()).as("the agent's chain is untouched")
			.extracting((member) -> member.engine().id())
			.containsExactly("clamav", "premium"));
	}

	@Test
	void shouldRecordAnErrorAndAcknowledgeWhenABucketNamesAnEngineTheAgentDoesNotRun() {
		String bucket = bucket("d", List.of("clamav", "sophos"));
		run((pipeline) -> {
			PutObjectResponse put = put(bucket, "report.txt", Samples.random(10_000, 3));
			// A first delivery of several: an engine that is down would be retried, this
			// would fail the same way every time.
			PipelineResult result = pipeline.process(
					new ScanTarget(bucket, "report.txt", put.versionId(), put.eTag(), ScanSource.EVENT),
					new Attempt(1, 5));

			assertThat(result.outcome()).isEqualTo(PipelineResult.Outcome.SCANNED);
			ScanRecord record = result.record();
			assertThat(record.status()).isEqualTo(ResultStatus.ERROR);
			assertThat(record.errorKind()).isEqualTo(ErrorKind.CONFIGURATION.name());
			assertThat(record.reason()).contains(
					"engine 'sophos' (bucket settings) is not configured on this agent, which runs clamav, premium");
			assertThat(record.engines()).extracting(ScanRecord.EngineRecord::engineId).containsExactly("sophos");
			assertThat(record.published()).isTrue();
			assertThat(tags(bucket, "report.txt")).containsEntry("scan-result", "Error")
				.containsEntry("scan-engines", "sophos:Error");
			assertThat(this.results.find(bucket, "report.txt", put.versionId(), record.eTag()))
				.hasValueSatisfying((saved) -> assertThat(saved.status()).isEqualTo(ResultStatus.ERROR));
		});
	}

	@Test
	void shouldApplyAChangedListWithinTheRefreshInterval() {
		String bucket = bucket("e", List.of("premium"));
		run((pipeline) -> {
			assertThat(engines(scan(pipeline, bucket, "first.com", Samples.eicar()))).containsExactly("premium:Clean");

			rules(bucket, List.of("clamav"));
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> assertThat(
						engines(scan(pipeline, bucket, "next-" + System.nanoTime() + ".com", Samples.eicar())))
					.containsExactly("clamav:Infected"));
		});
	}

	private void run(Consumer<ScanPipeline> test) {
		run(test, (context) -> {
		});
	}

	private void run(Consumer<ScanPipeline> test, Consumer<ApplicationContext> check) {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			check.accept(context);
			test.accept(context.getBean(ScanPipeline.class));
		});
	}

	private String bucket(String name, List<String> engines) {
		String bucket = this.prefix + "-" + name;
		S3Buckets.createVersioned(this.s3, bucket);
		rules(bucket, engines);
		return bucket;
	}

	private void rules(String bucket, List<String> engines) {
		this.settings
			.put(new StoredBucket(bucket, BucketSettings.quarantineTo(bucket + "-q").withRemediation(Remediation.KEEP),
					new BucketRules(List.of(), List.of(), List.of(), engines), Instant.now(), "test"));
	}

	private PutObjectResponse put(String bucket, String key, byte[] content) {
		return this.s3.putObject((request) -> request.bucket(bucket).key(key), RequestBody.fromBytes(content));
	}

	private ScanRecord scan(ScanPipeline pipeline, String bucket, String key, byte[] content) {
		PutObjectResponse put = put(bucket, key, content);
		return pipeline
			.process(new ScanTarget(bucket, key, put.versionId(), put.eTag(), ScanSource.EVENT), Attempt.only())
			.record();
	}

	private static List<String> engines(ScanRecord record) {
		return record.engines().stream().map((engine) -> engine.engineId() + ":" + engine.result()).toList();
	}

	private Map<String, String> tags(String bucket, String key) {
		return this.s3.getObjectTagging((request) -> request.bucket(bucket).key(key))
			.tagSet()
			.stream()
			.collect(Collectors.toMap(Tag::key, Tag::value));
	}

}
