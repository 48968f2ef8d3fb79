package dev.bucketwarden.retro;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.aws.SqsQueues;
import dev.bucketwarden.local.clamd.ClamdOptions;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalOptions;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.elasticmq.ElasticMqOptions;
import dev.bucketwarden.local.elasticmq.ElasticMqServer;
import dev.bucketwarden.local.s3mock.S3MockOptions;
import dev.bucketwarden.local.s3mock.S3MockServer;
import dev.bucketwarden.local.support.AwsEmulator;
import dev.bucketwarden.store.results.DynamoDbResultStore;

/**
 * The real servers the retro agent's integration tests run against, started once per test
 * JVM (in parallel; stopped by their shutdown hooks): clamd with our signatures, S3Mock,
 * ElasticMQ and DynamoDB Local. Each test makes its own buckets, retro queue (with a
 * dead-letter queue) and tables through {@link #lane}, so tests do not see each other's
 * messages or counters.
 */
public final class RetroTestStack {

	public static final String QUARANTINE = "retro-quarantine";

	public static final int MAX_ATTEMPTS = 3;

	private static RetroTestStack instance;

	public final ClamdServer clamd;

	public final S3MockServer s3mock;

	public final ElasticMqServer elasticmq;

	public final DynamoDbLocalServer dynamodb;

	public final S3Client s3;

	public final SqsClient sqs;

	public final DynamoDbClient dynamo;

	private RetroTestStack() {
		Path work = Path.of("target", "stack-" + ProcessHandle.current().pid());
		var clamd = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> ClamdServer.start(ClamdOptions.in(work.resolve("clamd"))));
		var s3mock = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> S3MockServer.start(S3MockOptions.in(work.resolve("s3mock")).withBuckets(QUARANTINE)));
		var elasticmq = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> ElasticMqServer.start(ElasticMqOptions.in(work.resolve("elasticmq"))));
		var dynamodb = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> DynamoDbLocalServer.start(DynamoDbLocalOptions.in(work.resolve("dynamodb"))));
		this.clamd = clamd.join();
		this.s3mock = s3mock.join();
		this.elasticmq = elasticmq.join();
		this.dynamodb = dynamodb.join();
		this.s3 = AwsClients.s3(this.s3mock);
		this.sqs = AwsClients.sqs(this.elasticmq);
		this.dynamo = AwsClients.dynamoDb(this.dynamodb);
	}

	public static synchronized RetroTestStack get() {
		if (instance == null) {
			instance = new RetroTestStack();
		}
		return instance;
	}

	/**
	 * A test's own retro queue (with its dead-letter queue), jobs table and results
	 * table.
	 */
	public Lane lane(String name) {
		String suffix = name + "-" + UUID.randomUUID().toString().substring(0, 8);
		SqsQueues.QueueUrls queues = SqsQueues.createWithDeadLetterQueue(this.sqs, "retro-" + suffix, MAX_ATTEMPTS);
		String jobsTable = "jobs-" + suffix;
		String resultsTable = "results-" + suffix;
		DynamoDbTables.createAndAwaitActive(this.dynamo, JobStore.tableDefinition(jobsTable), Duration.ofSeconds(30));
		DynamoDbTables.createAndAwaitActive(this.dynamo, DynamoDbResultStore.tableDefinition(resultsTable),
				Duration.ofSeconds(30));
		return new Lane(queues.queue(), queues.deadLetterQueue(), jobsTable, resultsTable,
				new JobStore(this.dynamo, jobsTable, Clock.systemUTC()));
	}

	/**
	 * The agent's properties for this stack and lane, for a Spring context or a command
	 * line.
	 */
	public Map<String, String> properties(Lane lane) {
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
		properties.put("bucketwarden.retro.queue", lane.queueUrl());
		properties.put("bucketwarden.retro.jobs-table", lane.jobsTable());
		properties.put("bucketwarden.retro.worker.max-attempts", Integer.toString(MAX_ATTEMPTS));
		properties.put("bucketwarden.results.table", lane.resultsTable());
		properties.put("bucketwarden.buckets.defaults.remediation", "QUARANTINE");
		properties.put("bucketwarden.buckets.defaults.quarantine-bucket", QUARANTINE);
		return properties;
	}

	/**
	 * @param queueUrl the lane's retro queue
	 * @param deadLetterQueueUrl its dead-letter queue
	 * @param jobsTable the lane's jobs table
	 * @param resultsTable the lane's results table
	 * @param jobs a job store on the jobs table
	 */
	public record Lane(String queueUrl, String deadLetterQueueUrl, String jobsTable, String resultsTable,
			JobStore jobs) {
	}

}
