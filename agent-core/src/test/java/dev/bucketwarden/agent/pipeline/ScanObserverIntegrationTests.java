package dev.bucketwarden.agent.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import dev.bucketwarden.agent.metrics.RemediationMeters;
import dev.bucketwarden.agent.metrics.VerdictMeters;
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
import dev.bucketwarden.local.s3mock.S3MockServer;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.StaticBucketSettingsProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline tells its observers of each verdict once, at the point it is final: a
 * redelivery that finds the record finished counts nothing again; a refused bucket is
 * counted without its name (real S3Mock, DynamoDB Local and clamd).
 */
@ExtendWith({ S3MockExtension.class, DynamoDbLocalExtension.class, ClamdExtension.class })
class ScanObserverIntegrationTests {

	private static int run;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private S3Client s3;

	private ScanPipeline pipeline;

	private String bucket;

	@BeforeEach
	void pipeline(S3MockServer s3mock, DynamoDbLocalServer dynamodb, ClamdServer clamd) {
		run++;
		this.bucket = "observed-" + run;
		this.s3 = AwsClients.s3(s3mock);
		this.s3.createBucket((request) -> request.bucket(this.bucket));
		this.s3.createBucket((request) -> request.bucket("observed-q-" + run));
		DynamoDbClient dynamo = AwsClients.dynamoDb(dynamodb);
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbResultStore.tableDefinition("observed-" + run),
				Duration.ofSeconds(30));
		this.pipeline = new ScanPipeline(new ObjectStore(this.s3, 5L << 30, 512L << 20, true),
				new ChainSelector(ClamavChains.on(clamd)), new DynamoDbResultStore(dynamo, "observed-" + run),
				(record) -> {
				}, new StaticBucketSettingsProvider(BucketSettings.quarantineTo("observed-q-" + run), Map.of()),
				new BucketProtection(BucketPatterns.of(List.of("observed-*"))), Duration.ofSeconds(60),
				Clock.systemUTC(), List.of(new VerdictMeters(this.meters), new RemediationMeters(this.meters)));
	}

	@Test
	void shouldCountAnInfectedObjectOnceThoughItsMessageCameTwice() {
		byte[] eicar = Samples.eicar();
		String eTag = this.s3
			.putObject((request) -> request.bucket(this.bucket).key("bad.com"), RequestBody.fromBytes(eicar))
			.eTag();
		ScanTarget target = new ScanTarget(this.bucket, "bad.com", null, eTag, ScanSource.EVENT,
				Instant.now().minusSeconds(3));

		assertThat(this.pipeline.process(target, Attempt.ofReceiveCount("1", 3)).outcome())
			.isEqualTo(PipelineResult.Outcome.SCANNED);
		assertThat(this.pipeline.process(target, Attempt.ofReceiveCount("2", 3)).outcome())
			.isEqualTo(PipelineResult.Outcome.ALREADY_SCANNED);

		assertThat(count(VerdictMeters.SCANS, "result", "Infected", "source", "event", "bucket", this.bucket))
			.isEqualTo(1);
		assertThat(count(VerdictMeters.RESULTS, "result", "Infected")).isEqualTo(1);
		assertThat(count(VerdictMeters.BYTES, "source", "event", "bucket", this.bucket)).isEqualTo(eicar.length);
		assertThat(count(RemediationMeters.REMEDIATIONS, "action", "quarantine", "outcome", "done")).isEqualTo(1);
		Timer waited = this.meters.get(VerdictMeters.TIME_TO_VERDICT).tag("source", "event").timer();
		assertThat(waited.count()).isEqualTo(1);
		assertThat(waited.totalTime(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(3);
		assertThat(this.meters.get(VerdictMeters.DURATION).tag("engine", "clamav").timer().count()).isEqualTo(1);
	}

	@Test
	void shouldCountARefusedBucketWithoutItsName() {
		ScanTarget target = new ScanTarget("someone-elses-bucket", "x.txt", null, null, ScanSource.EVENT,
				Instant.now());

		assertThat(this.pipeline.process(target, Attempt.ofReceiveCount("1", 3)).outcome())
			.isEqualTo(PipelineResult.Outcome.NOT_PROTECTED);

		assertThat(
				count(VerdictMeters.SCANS, "result", "Skipped", "source", "event", "bucket", VerdictMeters.UNPROTECTED))
			.isEqualTo(1);
		assertThat(this.meters.find(VerdictMeters.SCANS).tag("bucket", "someone-elses-bucket").counter()).isNull();
		assertThat(this.meters.find(VerdictMeters.TIME_TO_VERDICT).timer()).as("a skip is never tagged").isNull();
	}

	private double count(String name, String... tags) {
		Counter counter = this.meters.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
