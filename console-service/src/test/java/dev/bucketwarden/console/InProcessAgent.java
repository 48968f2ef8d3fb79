package dev.bucketwarden.console;

import java.io.Closeable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bucketwarden.agent.findings.CompositeFindingPublisher;
import dev.bucketwarden.agent.pipeline.Attempt;
import dev.bucketwarden.agent.pipeline.ScanPipeline;
import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.agent.settings.BucketSettings;
import dev.bucketwarden.agent.settings.DynamoDbBucketSettingsProvider;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.engine.chain.ChainMember;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.ScanEngineRegistry;
import dev.bucketwarden.local.AwsEmulator;
import dev.bucketwarden.local.s3events.S3EventRelay;

/**
 * An agent for the browser test: agent-core's pipeline with a real clamd, reading bucket
 * settings from the console's table through agent-core's settings client, fed by the S3
 * event relay in front of S3Mock. Only buckets the console protects are scanned, as in
 * AWS, where unprotected buckets have no event notification.
 */
final class InProcessAgent implements Closeable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final S3EventRelay relay;

	final DynamoDbBucketSettingsProvider settings;

	private final ScanPipeline pipeline;

	private final ExecutorService executor = Executors.newFixedThreadPool(2);

	InProcessAgent(ConsoleTestStack stack, String... buckets) {
		this.settings = new DynamoDbBucketSettingsProvider(stack.settings,
				BucketSettings.quarantineTo(ConsoleTestStack.QUARANTINE)
					.withRemediation(dev.bucketwarden.agent.settings.Remediation.KEEP),
				Duration.ofSeconds(1), Clock.systemUTC());
		EngineChain chain = EngineChain.builder()
			.member(new ChainMember(ScanEngineRegistry.load()
				.create("clamav",
						EngineSettings
							.of(Map.of("host", stack.clamd.host(), "port", Integer.toString(stack.clamd.port())))),
					true))
			.build();
		this.pipeline = new ScanPipeline(new ObjectStore(stack.s3, 5L << 30, 512L << 20), chain, stack.results,
				new CompositeFindingPublisher(java.util.List.of()), this.settings, Duration.ofSeconds(60),
				Clock.systemUTC());
		this.relay = S3EventRelay.start(stack.s3mock.endpoint(), this::deliver, AwsEmulator.REGION);
		for (String bucket : buckets) {
			this.relay.protect(bucket);
		}
	}

	private void deliver(String body) {
		JsonNode notification = JSON.readTree(body);
		JsonNode event = JSON.readTree(notification.get("Message").asString());
		for (JsonNode record : event.get("Records")) {
			JsonNode s3 = record.get("s3");
			String bucket = s3.get("bucket").get("name").asString();
			String key = URLDecoder.decode(s3.get("object").get("key").asString(), StandardCharsets.UTF_8);
			JsonNode version = s3.get("object").get("versionId");
			JsonNode eTag = s3.get("object").get("eTag");
			if (!this.settings.protectedBuckets().contains(bucket)) {
				continue;
			}
			ScanTarget target = new ScanTarget(bucket, key, (version != null) ? version.asString() : null,
					(eTag != null) ? eTag.asString() : null, ScanTarget.Source.EVENT);
			this.executor.submit(() -> this.pipeline.process(target, Attempt.only()));
		}
	}

	@Override
	public void close() {
		this.relay.close();
		this.executor.shutdown();
		try {
			this.executor.awaitTermination(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
