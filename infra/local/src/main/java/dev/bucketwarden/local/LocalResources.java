package dev.bucketwarden.local;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.sqs.SqsClient;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.aws.S3Buckets;
import dev.bucketwarden.local.aws.SqsQueues;
import dev.bucketwarden.local.s3events.BucketRegions;
import dev.bucketwarden.local.s3events.S3EventRelay;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.local.support.AwsEmulator;

/**
 * What the product needs in the local stack, as infra/aws creates it in AWS: a protected
 * (versioned) bucket and a quarantine bucket, the scan queue with its dead-letter queue,
 * the findings queue, the results table, the retro queue (with its dead-letter queue) and
 * jobs table of retro scans with an archive bucket of objects that predate BucketWarden,
 * and the S3 event relay, which keeps the buckets' event notification configurations and
 * turns writes into events: the protected bucket notifies the scan topic, whose
 * subscription is the scan queue, and the console wires the buckets it protects the same
 * way. Also writes the services' properties for this stack.
 */
public final class LocalResources implements AutoCloseable {

	static final String PROTECTED_BUCKET = "demo-uploads";

	static final String QUARANTINE_BUCKET = "demo-quarantine";

	/**
	 * Where the API agent stores clean uploads (scan-before-store, so not protected by
	 * events).
	 */
	static final String API_BUCKET = "demo-api-uploads";

	static final String SCAN_QUEUE = "bucketwarden-scan";

	static final String FINDINGS_QUEUE = "bucketwarden-findings";

	static final String RESULTS_TABLE = "bucketwarden-results";

	/** The console's settings table, which the agents read bucket settings from too. */
	static final String SETTINGS_TABLE = "bucketwarden-settings";

	/**
	 * A bucket whose objects were there before BucketWarden (written straight to S3, so
	 * no event scanned them): what a retro scan is for.
	 */
	static final String ARCHIVE_BUCKET = "demo-archive";

	static final String RETRO_QUEUE = "bucketwarden-retro";

	static final String JOBS_TABLE = "bucketwarden-jobs";

	/**
	 * The parts of objects larger than the engine takes whole (docs/large-objects.md),
	 * which every agent that scans takes from.
	 */
	static final String LARGE_OBJECT_QUEUE = "bucketwarden-large-objects";

	static final int MAX_RECEIVES = 5;

	/**
	 * The id of the notification configuration the console adds to a bucket it protects.
	 */
	static final String SCAN_NOTIFICATION_ID = "bucketwarden-scan";

	/**
	 * The stack's second region: its own S3 event relay in front of the same S3Mock (that
	 * region's S3 endpoint), scan queue, retro queue and quarantine bucket, and its own
	 * event agent (docs/reach.md).
	 */
	static final String SECOND_REGION = "us-west-2";

	static final String SECOND_SCAN_QUEUE = "bucketwarden-scan-" + SECOND_REGION;

	static final String SECOND_RETRO_QUEUE = "bucketwarden-retro-" + SECOND_REGION;

	static final String SECOND_QUARANTINE_BUCKET = "demo-quarantine-" + SECOND_REGION;

	private final StackServers servers;

	private final S3EventRelay relay;

	private final SqsQueues.QueueUrls scanQueue;

	private final String findingsQueue;

	private final SqsQueues.QueueUrls retroQueue;

	private final SqsQueues.QueueUrls largeObjectQueue;

	private final SecondRegion second;

	private LocalResources(StackServers servers, S3EventRelay relay, SqsQueues.QueueUrls scanQueue,
			String findingsQueue, SqsQueues.QueueUrls retroQueue, SqsQueues.QueueUrls largeObjectQueue,
			SecondRegion second) {
		this.servers = servers;
		this.second = second;
		this.relay = relay;
		this.scanQueue = scanQueue;
		this.findingsQueue = findingsQueue;
		this.retroQueue = retroQueue;
		this.largeObjectQueue = largeObjectQueue;
	}

	static LocalResources create(StackServers servers) {
		S3Client s3 = AwsClients.s3(servers.s3());
		S3Buckets.createVersioned(s3, PROTECTED_BUCKET);
		s3.createBucket((request) -> request.bucket(QUARANTINE_BUCKET));
		s3.createBucket((request) -> request.bucket(API_BUCKET));
		SqsClient sqs = AwsClients.sqs(servers.sqs());
		SqsQueues.QueueUrls scanQueue = SqsQueues.createWithDeadLetterQueue(sqs, SCAN_QUEUE, MAX_RECEIVES);
		String findingsQueue = sqs.createQueue((request) -> request.queueName(FINDINGS_QUEUE)).queueUrl();
		DynamoDbClient dynamo = AwsClients.dynamoDb(servers.dynamoDb());
		DynamoDbTables.createAndAwaitActive(dynamo, resultsTable(), Duration.ofSeconds(30));
		DynamoDbTables.createAndAwaitActive(dynamo, keyedTable(SETTINGS_TABLE), Duration.ofSeconds(30));
		// Protected as the console protects a bucket: agents act on the buckets the
		// settings table lists, and on no other.
		dynamo.putItem((request) -> request.tableName(SETTINGS_TABLE).item(protectedBucketSettings()));
		SqsQueues.QueueUrls retroQueue = SqsQueues.createWithDeadLetterQueue(sqs, RETRO_QUEUE, MAX_RECEIVES);
		SqsQueues.QueueUrls largeObjectQueue = SqsQueues.createWithDeadLetterQueue(sqs, LARGE_OBJECT_QUEUE,
				MAX_RECEIVES);
		DynamoDbTables.createAndAwaitActive(dynamo, jobsTable(), Duration.ofSeconds(30));
		s3.createBucket((request) -> request.bucket(ARCHIVE_BUCKET));
		for (Map.Entry<String, byte[]> sample : archive().entrySet()) {
			s3.putObject((request) -> request.bucket(ARCHIVE_BUCKET).key(sample.getKey()),
					RequestBody.fromBytes(sample.getValue()));
		}
		BucketRegions regions = new BucketRegions(AwsEmulator.REGION);
		S3EventRelay relay = S3EventRelay.start(servers.s3().endpoint(),
				(body) -> sqs.sendMessage((request) -> request.queueUrl(scanQueue.queue()).messageBody(body)),
				SqsQueues.directory(sqs), AwsEmulator.REGION, regions);
		SecondRegion second = SecondRegion.create(servers, sqs, regions);
		// As infra/aws does for the buckets it is deployed with, through S3's own API.
		try (S3Client throughRelay = AwsClients.s3(relay.endpoint())) {
			throughRelay.putBucketNotificationConfiguration((request) -> request.bucket(PROTECTED_BUCKET)
				.notificationConfiguration(
						(configuration) -> configuration.topicConfigurations((topic) -> topic.id(SCAN_NOTIFICATION_ID)
							.topicArn(relay.scanTopicArn())
							.events(Event.S3_OBJECT_CREATED))));
		}
		return new LocalResources(servers, relay, scanQueue, findingsQueue, retroQueue, largeObjectQueue, second);
	}

	/**
	 * The second region's relay (its S3 endpoint, raising its events into its scan
	 * queue), queues and quarantine bucket.
	 */
	record SecondRegion(S3EventRelay relay, SqsQueues.QueueUrls scanQueue, SqsQueues.QueueUrls retroQueue) {

		static SecondRegion create(StackServers servers, SqsClient sqs, BucketRegions regions) {
			SqsQueues.QueueUrls scanQueue = SqsQueues.createWithDeadLetterQueue(sqs, SECOND_SCAN_QUEUE, MAX_RECEIVES);
			SqsQueues.QueueUrls retroQueue = SqsQueues.createWithDeadLetterQueue(sqs, SECOND_RETRO_QUEUE, MAX_RECEIVES);
			S3EventRelay relay = S3EventRelay.start(servers.s3().endpoint(),
					(body) -> sqs.sendMessage((request) -> request.queueUrl(scanQueue.queue()).messageBody(body)),
					SqsQueues.directory(sqs), SECOND_REGION, regions);
			// Created through the region's relay: in that region, as S3 would have it.
			try (S3Client west = AwsClients.s3Builder(relay.endpoint()).region(Region.of(SECOND_REGION)).build()) {
				west.createBucket((request) -> request.bucket(SECOND_QUARANTINE_BUCKET));
			}
			return new SecondRegion(relay, scanQueue, retroQueue);
		}

	}

	/**
	 * The protected bucket's item of the settings table, as agent-core's
	 * DynamoDbSettingsTable writes it (tagged, quarantined to
	 * {@link #QUARANTINE_BUCKET}).
	 */
	public static Map<String, AttributeValue> protectedBucketSettings() {
		Map<String, AttributeValue> item = new LinkedHashMap<>();
		item.put("pk", AttributeValue.fromS("BUCKET"));
		item.put("sk", AttributeValue.fromS(PROTECTED_BUCKET));
		item.put("bucket", AttributeValue.fromS(PROTECTED_BUCKET));
		item.put("tagging", AttributeValue.fromBool(true));
		item.put("tagSchema", AttributeValue.fromS("DEFAULT"));
		item.put("remediation", AttributeValue.fromS("QUARANTINE"));
		item.put("quarantineBucket", AttributeValue.fromS(QUARANTINE_BUCKET));
		item.put("maxSize", AttributeValue.fromN(Long.toString(5L << 40)));
		for (String list : new String[] { "skipPrefixes", "skipSuffixes", "allowList", "engines" }) {
			item.put(list, AttributeValue.fromL(List.of()));
		}
		item.put("updatedAt", AttributeValue.fromS("2026-01-01T00:00:00Z"));
		item.put("updatedBy", AttributeValue.fromS("local stack"));
		return item;
	}

	/** The archive's objects: mostly clean, some malware and an encrypted archive. */
	static Map<String, byte[]> archive() {
		Map<String, byte[]> objects = new LinkedHashMap<>();
		for (int i = 1; i <= 20; i++) {
			objects.put("2019/invoices/invoice-" + i + ".txt", ("Invoice " + i + ", total EUR " + (i * 42)).getBytes());
		}
		objects.put("2019/downloads/eicar.com", Samples.eicar());
		objects.put("2020/backups/old-tools.zip", Samples.zip("tools/eicar.com", Samples.eicar()));
		objects.put("2020/mail/encrypted.zip",
				Samples.encryptedZip(Map.of("secret.txt", "secret".getBytes()), "password"));
		objects.put("2021/photos/readme.txt", "holiday photos".getBytes());
		return objects;
	}

	/**
	 * The retro agent's jobs table, as its JobStore defines it (a test keeps them equal).
	 */
	public static CreateTableRequest jobsTable() {
		return keyedTable(JOBS_TABLE);
	}

	/**
	 * The results table as agent-core's DynamoDbResultStore defines it (a test keeps them
	 * equal).
	 */
	public static CreateTableRequest resultsTable() {
		return keyedTable(RESULTS_TABLE);
	}

	/**
	 * The console's settings table as agent-core's DynamoDbSettingsTable defines it (a
	 * test keeps them equal).
	 */
	public static CreateTableRequest settingsTable() {
		return keyedTable(SETTINGS_TABLE);
	}

	/** Every BucketWarden table is keyed (pk, sk), both strings. */
	private static CreateTableRequest keyedTable(String name) {
		return CreateTableRequest.builder()
			.tableName(name)
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.attributeDefinitions(
					AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
					AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
			.keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
					KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
			.build();
	}

	/** For {@code stack.properties}. */
	void addTo(Properties properties) {
		properties.setProperty("s3.relay-endpoint", this.relay.endpoint().toString());
		properties.setProperty("buckets.protected", PROTECTED_BUCKET);
		properties.setProperty("buckets.quarantine", QUARANTINE_BUCKET);
		properties.setProperty("buckets.api-uploads", API_BUCKET);
		properties.setProperty("sqs.scan-queue-url", this.scanQueue.queue());
		properties.setProperty("sqs.scan-dlq-url", this.scanQueue.deadLetterQueue());
		properties.setProperty("sqs.findings-queue-url", this.findingsQueue);
		properties.setProperty("dynamodb.results-table", RESULTS_TABLE);
		properties.setProperty("dynamodb.settings-table", SETTINGS_TABLE);
		properties.setProperty("buckets.archive", ARCHIVE_BUCKET);
		properties.setProperty("sqs.retro-queue-url", this.retroQueue.queue());
		properties.setProperty("sqs.retro-dlq-url", this.retroQueue.deadLetterQueue());
		properties.setProperty("dynamodb.jobs-table", JOBS_TABLE);
		properties.setProperty("sqs.large-object-queue-url", this.largeObjectQueue.queue());
		properties.setProperty("sqs.large-object-dlq-url", this.largeObjectQueue.deadLetterQueue());
		properties.setProperty("regions.second", SECOND_REGION);
		properties.setProperty("regions.second.s3.relay-endpoint", this.second.relay().endpoint().toString());
		properties.setProperty("regions.second.sqs.scan-queue-url", this.second.scanQueue().queue());
		properties.setProperty("regions.second.sqs.retro-queue-url", this.second.retroQueue().queue());
		properties.setProperty("regions.second.buckets.quarantine", SECOND_QUARANTINE_BUCKET);
	}

	/** The services' properties files for this stack. */
	ServiceProperties serviceProperties() {
		return new ServiceProperties(this.servers, this.relay, this.scanQueue.queue(), this.findingsQueue,
				this.largeObjectQueue.queue(), this.second);
	}

	@Override
	public void close() {
		this.second.relay().close();
		this.relay.close();
	}

}
