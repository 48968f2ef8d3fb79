package dev.bucketwarden.eventagent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.test.context.DynamicPropertyRegistry;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.aws.SqsQueues;
import dev.bucketwarden.local.clamd.ClamdOptions;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalOptions;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.elasticmq.ElasticMqOptions;
import dev.bucketwarden.local.elasticmq.ElasticMqServer;
import dev.bucketwarden.local.elasticmq.QueueDefinition;
import dev.bucketwarden.local.s3events.S3EventRelay;
import dev.bucketwarden.local.s3mock.S3MockOptions;
import dev.bucketwarden.local.s3mock.S3MockServer;
import dev.bucketwarden.local.support.AwsEmulator;
import dev.bucketwarden.store.results.DynamoDbResultStore;

/**
 * The real servers the event agent's integration tests run against, started once per test
 * JVM: clamd with our signatures, S3Mock behind the S3 event relay, ElasticMQ with the
 * scan queue (dead-letter queue after {@link #MAX_ATTEMPTS} receives) and a findings
 * queue, and DynamoDB Local with the results table. Stopped by their shutdown hooks when
 * the JVM ends.
 */
final class TestStack {

	static final String UPLOADS = "uploads";

	static final String VERSIONED = "versioned-uploads";

	static final String GUARDDUTY = "guardduty-uploads";

	static final String KEEP = "keep-uploads";

	static final String QUARANTINE = "quarantine";

	static final String SCAN_QUEUE = "bucketwarden-scan";

	static final String FINDINGS_QUEUE = "bucketwarden-findings";

	static final String RESULTS_TABLE = "bucketwarden-results";

	static final int MAX_ATTEMPTS = 3;

	private static TestStack instance;

	final ClamdServer clamd;

	final S3MockServer s3mock;

	final ElasticMqServer elasticmq;

	final DynamoDbLocalServer dynamodb;

	final S3EventRelay relay;

	final S3Client s3;

	final SqsClient sqs;

	final DynamoDbClient dynamo;

	private TestStack() {
		Path work = Path.of("target", "stack-" + ProcessHandle.current().pid());
		this.clamd = ClamdServer.start(ClamdOptions.in(work.resolve("clamd")));
		this.s3mock = S3MockServer.start(S3MockOptions.in(work.resolve("s3mock"))
			.withBuckets(UPLOADS, GUARDDUTY, KEEP, QUARANTINE)
			.withVersionedBuckets(VERSIONED));
		this.elasticmq = ElasticMqServer.start(ElasticMqOptions.in(work.resolve("elasticmq"))
			.withQueues(QueueDefinition.withDeadLetterQueue(SCAN_QUEUE, MAX_ATTEMPTS)
				.withVisibilityTimeout(Duration.ofSeconds(30)), QueueDefinition.plain(FINDINGS_QUEUE)));
		this.dynamodb = DynamoDbLocalServer.start(DynamoDbLocalOptions.in(work.resolve("dynamodb")));
		this.sqs = AwsClients.sqs(this.elasticmq);
		this.dynamo = AwsClients.dynamoDb(this.dynamodb);
		DynamoDbTables.createAndAwaitActive(this.dynamo, DynamoDbResultStore.tableDefinition(RESULTS_TABLE),
				Duration.ofSeconds(30));
		String scanQueueUrl = this.elasticmq.queueUrl(SCAN_QUEUE);
		this.relay = S3EventRelay.start(this.s3mock.endpoint(),
				(body) -> this.sqs.sendMessage((request) -> request.queueUrl(scanQueueUrl).messageBody(body)),
				AwsEmulator.REGION);
		for (String bucket : new String[] { UPLOADS, VERSIONED, GUARDDUTY, KEEP }) {
			this.relay.protect(bucket);
		}
		// Tests write through the relay, as users write to S3, so every put raises its
		// event.
		this.s3 = AwsClients.s3(this.relay.endpoint());
	}

	static synchronized TestStack get() {
		if (instance == null) {
			instance = new TestStack();
		}
		return instance;
	}

	/**
	 * A separate way in for tests that need an agent of their own (broken clamd, small
	 * heap): its own protected bucket, scan queue with dead-letter queue, and relay, so
	 * it does not disturb the agent of the other tests.
	 */
	Lane lane(String name) {
		S3Client direct = AwsClients.s3(this.s3mock);
		direct.createBucket((request) -> request.bucket(name));
		SqsQueues.QueueUrls queues = SqsQueues.createWithDeadLetterQueue(this.sqs, name + "-scan", MAX_ATTEMPTS);
		S3EventRelay laneRelay = S3EventRelay.start(this.s3mock.endpoint(),
				(body) -> this.sqs.sendMessage((request) -> request.queueUrl(queues.queue()).messageBody(body)),
				AwsEmulator.REGION);
		laneRelay.protect(name);
		return new Lane(name, name + "-scan", queues.queue(), queues.deadLetterQueue(), laneRelay,
				AwsClients.s3(laneRelay.endpoint()));
	}

	/**
	 * @param bucket the lane's protected bucket
	 * @param queue the lane's scan queue name
	 * @param queueUrl its URL
	 * @param deadLetterQueueUrl its dead-letter queue's URL
	 * @param relay the relay that raises the lane's events
	 * @param s3 an S3 client writing through the relay
	 */
	record Lane(String bucket, String queue, String queueUrl, String deadLetterQueueUrl, S3EventRelay relay,
			S3Client s3) {
	}

	/** Points the agent at this stack. */
	void register(DynamicPropertyRegistry registry) {
		properties().forEach((key, value) -> registry.add(key, () -> value));
	}

	/** The agent's properties for this stack, for a Spring context or a command line. */
	Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.cloud.aws.region.static", AwsEmulator.REGION);
		properties.put("spring.cloud.aws.credentials.access-key", AwsEmulator.ACCESS_KEY_ID);
		properties.put("spring.cloud.aws.credentials.secret-key", AwsEmulator.SECRET_ACCESS_KEY);
		properties.put("spring.cloud.aws.s3.endpoint", this.s3mock.endpoint().toString());
		properties.put("spring.cloud.aws.s3.path-style-access-enabled", "true");
		properties.put("spring.cloud.aws.sqs.endpoint", this.elasticmq.endpoint().toString());
		properties.put("spring.cloud.aws.dynamodb.endpoint", this.dynamodb.endpoint().toString());
		properties.put("bucketwarden.engines.clamav.host", this.clamd.host());
		properties.put("bucketwarden.engines.clamav.port", Integer.toString(this.clamd.port()));
		properties.put("bucketwarden.engines.clamav.stream-max-length", "300MB");
		properties.put("bucketwarden.event-agent.queue", SCAN_QUEUE);
		properties.put("bucketwarden.event-agent.max-attempts", Integer.toString(MAX_ATTEMPTS));
		properties.put("bucketwarden.event-agent.retry-backoff-initial", "1s");
		properties.put("bucketwarden.event-agent.retry-backoff-max", "2s");
		properties.put("bucketwarden.results.table", RESULTS_TABLE);
		properties.put("bucketwarden.findings.queue-url", this.elasticmq.queueUrl(FINDINGS_QUEUE));
		properties.put("bucketwarden.buckets.defaults.remediation", "QUARANTINE");
		properties.put("bucketwarden.buckets.defaults.quarantine-bucket", QUARANTINE);
		properties.put("bucketwarden.buckets.overrides." + GUARDDUTY + ".tag-schema", "GUARDDUTY");
		properties.put("bucketwarden.buckets.overrides." + GUARDDUTY + ".remediation", "KEEP");
		properties.put("bucketwarden.buckets.overrides." + KEEP + ".remediation", "KEEP");
		return properties;
	}

}
