package dev.bucketwarden.bench.event;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import dev.bucketwarden.bench.support.SignatureSet;
import dev.bucketwarden.local.LocalResources;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.aws.S3Buckets;
import dev.bucketwarden.local.clamd.ClamdOptions;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalOptions;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.elasticmq.ElasticMqOptions;
import dev.bucketwarden.local.elasticmq.ElasticMqServer;
import dev.bucketwarden.local.elasticmq.QueueDefinition;
import dev.bucketwarden.local.process.ParallelStart;
import dev.bucketwarden.local.s3events.S3EventRelay;
import dev.bucketwarden.local.s3mock.S3MockOptions;
import dev.bucketwarden.local.s3mock.S3MockServer;
import dev.bucketwarden.local.support.AwsEmulator;

/**
 * The local stack as the event benchmark needs it, started in parallel in a work
 * directory: clamd with its cache off, the chosen signature database and
 * {@code MaxThreads} equal to the agent's concurrency, S3Mock behind the S3 event relay,
 * ElasticMQ with the scan queue (and its dead-letter queue) and a findings queue, and
 * DynamoDB Local with the results table. Protected buckets are made per run
 * ({@link #createBuckets}). Everything listens on 127.0.0.1 only; each server stops on
 * {@link #close()}, by its PID, and by its own shutdown hook if the JVM ends first.
 */
public final class EventStack implements AutoCloseable {

	public static final String SCAN_QUEUE = "bucketwarden-scan";

	public static final String FINDINGS_QUEUE = "bucketwarden-findings";

	public static final String RESULTS_TABLE = LocalResources.resultsTable().tableName();

	/** As in the local stack: the redrive policy's maxReceiveCount and the agent's. */
	public static final int MAX_ATTEMPTS = 5;

	public final ClamdServer clamd;

	public final S3MockServer s3mock;

	public final ElasticMqServer elasticmq;

	public final DynamoDbLocalServer dynamodb;

	public final S3EventRelay relay;

	/** Writes through the relay, as users write to S3: every put raises its event. */
	public final S3Client uploads;

	/** Straight to S3Mock, for checks after a run. */
	public final S3Client s3;

	public final SqsClient sqs;

	public final DynamoDbClient dynamo;

	/** Events the relay holds back instead of sending, while not {@code null}. */
	private volatile List<String> held;

	private EventStack(ClamdServer clamd, S3MockServer s3mock, ElasticMqServer elasticmq,
			DynamoDbLocalServer dynamodb) {
		this.clamd = clamd;
		this.s3mock = s3mock;
		this.elasticmq = elasticmq;
		this.dynamodb = dynamodb;
		this.sqs = AwsClients.sqs(elasticmq);
		this.dynamo = AwsClients.dynamoDb(dynamodb);
		this.s3 = AwsClients.s3(s3mock);
		String scanQueueUrl = scanQueueUrl();
		this.relay = S3EventRelay.start(s3mock.endpoint(), (body) -> {
			List<String> held = this.held;
			if (held != null) {
				held.add(body);
			}
			else {
				this.sqs.sendMessage((request) -> request.queueUrl(scanQueueUrl).messageBody(body));
			}
		}, AwsEmulator.REGION);
		this.uploads = AwsClients.s3(this.relay.endpoint());
	}

	/**
	 * Starts the servers in parallel; if one fails, the others are stopped.
	 * @param dir the work directory
	 * @param clamdThreads clamd's MaxThreads
	 * @param signatures clamd's signature database
	 */
	public static EventStack start(Path dir, int clamdThreads, SignatureSet signatures) {
		return start(dir, clamdThreads, signatures, ClamdOptions.in(dir.resolve("clamd")).streamMaxLength(), List.of());
	}

	/**
	 * Starts the servers in parallel; if one fails, the others are stopped.
	 * @param dir the work directory
	 * @param clamdThreads clamd's MaxThreads
	 * @param signatures clamd's signature database
	 * @param streamMaxLength clamd's StreamMaxLength ({@code 300M})
	 * @param queues more queues for ElasticMQ
	 */
	public static EventStack start(Path dir, int clamdThreads, SignatureSet signatures, String streamMaxLength,
			List<QueueDefinition> queues) {
		List<QueueDefinition> all = new ArrayList<>();
		all.add(QueueDefinition.withDeadLetterQueue(SCAN_QUEUE, MAX_ATTEMPTS)
			.withVisibilityTimeout(Duration.ofSeconds(60)));
		all.add(QueueDefinition.plain(FINDINGS_QUEUE));
		all.addAll(queues);
		// Cache off, so the agent and the bare client both really scan every object; the
		// local stack's limits otherwise (300M per stream and file).
		ParallelStart servers = new ParallelStart();
		var clamd = servers.start(() -> ClamdServer.start(signatures.applyTo(ClamdOptions.in(dir.resolve("clamd"))
			.withDisableCache(true)
			.withMaxThreads(clamdThreads)
			.withStreamMaxLength(streamMaxLength))));
		var s3mock = servers.start(() -> S3MockServer.start(S3MockOptions.in(dir.resolve("s3mock"))));
		var elasticmq = servers.start(() -> ElasticMqServer
			.start(ElasticMqOptions.in(dir.resolve("elasticmq")).withQueues(all.toArray(QueueDefinition[]::new))));
		var dynamodb = servers.start(() -> DynamoDbLocalServer.start(DynamoDbLocalOptions.in(dir.resolve("dynamodb"))));
		servers.await();
		EventStack stack;
		try {
			stack = new EventStack(clamd.get(), s3mock.get(), elasticmq.get(), dynamodb.get());
		}
		catch (RuntimeException ex) {
			servers.closeAll();
			throw ex;
		}
		try {
			DynamoDbTables.createAndAwaitActive(stack.dynamo, LocalResources.resultsTable(), Duration.ofSeconds(30));
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	/**
	 * Creates {@code count} buckets {@code name-0} ... that the relay protects: each put
	 * into them raises an event.
	 */
	public List<String> createBuckets(String name, int count, boolean versioned) {
		List<String> buckets = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String bucket = name + "-" + i;
			if (versioned) {
				S3Buckets.createVersioned(this.s3, bucket);
			}
			else {
				this.s3.createBucket((request) -> request.bucket(bucket));
			}
			this.relay.protect(bucket);
			buckets.add(bucket);
		}
		return List.copyOf(buckets);
	}

	/**
	 * From now on the relay's events wait in memory instead of going to the scan queue,
	 * as if the bucket's notifications were paused: a running agent sees none of them.
	 */
	public void holdEvents() {
		this.held = java.util.Collections.synchronizedList(new ArrayList<>());
	}

	/** How many events are held back. */
	public int heldCount() {
		List<String> events = this.held;
		return (events != null) ? events.size() : 0;
	}

	/**
	 * The events held back since {@link #holdEvents()}; the relay sends again from now.
	 */
	public List<String> heldEvents() {
		List<String> events = this.held;
		this.held = null;
		synchronized (events) {
			return List.copyOf(events);
		}
	}

	public String scanQueueUrl() {
		return this.elasticmq.queueUrl(SCAN_QUEUE);
	}

	public String deadLetterQueueUrl() {
		return this.elasticmq
			.queueUrl(QueueDefinition.withDeadLetterQueue(SCAN_QUEUE, MAX_ATTEMPTS).deadLetterQueueName());
	}

	public String findingsQueueUrl() {
		return this.elasticmq.queueUrl(FINDINGS_QUEUE);
	}

	/** The PIDs whose CPU the benchmark accounts for, by name. */
	public Map<String, Long> pids() {
		Map<String, Long> pids = new LinkedHashMap<>();
		pids.put("clamd", this.clamd.pid());
		pids.put("S3Mock", this.s3mock.pid());
		pids.put("DynamoDB Local", this.dynamodb.pid());
		pids.put("ElasticMQ", this.elasticmq.pid());
		return pids;
	}

	/**
	 * The event agent's settings for this stack, as the local stack writes them, but with
	 * remediation KEEP (random content is clean anyway) and the given concurrency.
	 */
	public Map<String, String> agentProperties(int concurrency) {
		Map<String, String> agent = new LinkedHashMap<>();
		agent.put("spring.cloud.aws.region.static", AwsEmulator.REGION);
		agent.put("spring.cloud.aws.credentials.access-key", AwsEmulator.ACCESS_KEY_ID);
		agent.put("spring.cloud.aws.credentials.secret-key", AwsEmulator.SECRET_ACCESS_KEY);
		agent.put("spring.cloud.aws.s3.endpoint", this.s3mock.endpoint().toString());
		agent.put("spring.cloud.aws.s3.path-style-access-enabled", "true");
		agent.put("spring.cloud.aws.sqs.endpoint", this.elasticmq.endpoint().toString());
		agent.put("spring.cloud.aws.dynamodb.endpoint", this.dynamodb.endpoint().toString());
		agent.put("bucketwarden.engines.clamav.host", this.clamd.host());
		agent.put("bucketwarden.engines.clamav.port", Integer.toString(this.clamd.port()));
		agent.put("bucketwarden.engines.clamav.stream-max-length", "300MB");
		agent.put("bucketwarden.event-agent.queue", SCAN_QUEUE);
		agent.put("bucketwarden.event-agent.concurrency", Integer.toString(concurrency));
		agent.put("bucketwarden.event-agent.max-attempts", Integer.toString(MAX_ATTEMPTS));
		agent.put("bucketwarden.results.table", RESULTS_TABLE);
		agent.put("bucketwarden.findings.queue-url", findingsQueueUrl());
		agent.put("bucketwarden.buckets.defaults.remediation", "KEEP");
		return agent;
	}

	@Override
	public void close() {
		ParallelStart.closeQuietly(this.relay);
		ParallelStart.closeQuietly(this.uploads);
		ParallelStart.closeQuietly(this.s3);
		ParallelStart.closeQuietly(this.sqs);
		ParallelStart.closeQuietly(this.dynamo);
		List<AutoCloseable> servers = new ArrayList<>(List.of(this.dynamodb, this.elasticmq, this.s3mock));
		servers.forEach(ParallelStart::closeQuietly);
		this.clamd.close();
	}

}
