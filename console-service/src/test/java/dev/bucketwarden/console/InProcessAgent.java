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
import java.util.concurrent.atomic.AtomicBoolean;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bucketwarden.agent.findings.CompositeFindingPublisher;
import dev.bucketwarden.agent.pipeline.Attempt;
import dev.bucketwarden.agent.pipeline.ScanPipeline;
import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.engine.chain.ChainMember;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.ScanEngineRegistry;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.DynamoDbBucketSettingsProvider;

/**
 * An agent for the browser test: agent-core's pipeline with a real clamd, reading bucket
 * settings from the console's table through agent-core's settings client, fed by the
 * events queue, the subscription of the scan topic the console wires the buckets it
 * protects to. Only buckets the console protects raise events, as in AWS.
 */
final class InProcessAgent implements Closeable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final DynamoDbBucketSettingsProvider settings;

	private final ScanPipeline pipeline;

	private final SqsClient sqs;

	private final String queue;

	private final ExecutorService executor = Executors.newFixedThreadPool(2);

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final Thread receiver;

	InProcessAgent(ConsoleTestStack stack) {
		this.settings = new DynamoDbBucketSettingsProvider(stack.settings,
				BucketSettings.quarantineTo(ConsoleTestStack.QUARANTINE)
					.withRemediation(dev.bucketwarden.store.settings.Remediation.KEEP),
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
		this.sqs = stack.sqs;
		this.queue = stack.elasticmq.queueUrl(ConsoleTestStack.EVENTS_QUEUE);
		this.receiver = Thread.ofPlatform().name("in-process-agent").start(this::receive);
	}

	/** Until closed, in waits of a second. */
	private void receive() {
		while (this.running.get()) {
			try {
				for (Message message : this.sqs
					.receiveMessage((r) -> r.queueUrl(this.queue).maxNumberOfMessages(10).waitTimeSeconds(1))
					.messages()) {
					deliver(message.body());
					this.sqs.deleteMessage((r) -> r.queueUrl(this.queue).receiptHandle(message.receiptHandle()));
				}
			}
			catch (RuntimeException ex) {
				if (this.running.get()) {
					throw ex;
				}
			}
		}
	}

	private void deliver(String body) {
		JsonNode notification = JSON.readTree(body);
		JsonNode event = JSON.readTree(notification.get("Message").asString());
		if (!event.has("Records")) {
			// s3:TestEvent, sent when the console wires a bucket
			return;
		}
		for (JsonNode record : event.get("Records")) {
			JsonNode s3 = record.get("s3");
			String bucket = s3.get("bucket").get("name").asString();
			String key = URLDecoder.decode(s3.get("object").get("key").asString(), StandardCharsets.UTF_8);
			JsonNode version = s3.get("object").get("versionId");
			JsonNode eTag = s3.get("object").get("eTag");
			ScanTarget target = new ScanTarget(bucket, key, (version != null) ? version.asString() : null,
					(eTag != null) ? eTag.asString() : null, ScanSource.EVENT);
			this.executor.submit(() -> this.pipeline.process(target, Attempt.only()));
		}
	}

	@Override
	public void close() {
		this.running.set(false);
		this.executor.shutdown();
		try {
			this.receiver.join(Duration.ofSeconds(10));
			this.executor.awaitTermination(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
