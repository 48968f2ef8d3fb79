package dev.bucketwarden.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.test.context.DynamicPropertyRegistry;

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
import dev.bucketwarden.local.elasticmq.QueueDefinition;
import dev.bucketwarden.local.oidc.OidcOptions;
import dev.bucketwarden.local.oidc.OidcServer;
import dev.bucketwarden.local.s3events.BucketRegions;
import dev.bucketwarden.local.s3events.S3EventRelay;
import dev.bucketwarden.local.s3mock.S3MockOptions;
import dev.bucketwarden.local.s3mock.S3MockServer;
import dev.bucketwarden.local.support.AwsEmulator;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;

/**
 * The real servers the console's integration and browser tests use, started in parallel
 * once per test JVM and stopped by their shutdown hooks: S3Mock with a few buckets behind
 * the S3 event relay (the console's S3 endpoint: it wires the buckets it protects to the
 * relay's scan topic, whose subscription is the events queue), DynamoDB Local with the
 * settings and results tables, the local OIDC server (Cognito's stand-in), ElasticMQ with
 * the scan queue (for "scan again") and the events queue, and clamd for the in-process
 * agent of the browser test.
 */
final class ConsoleTestStack {

	static final String UPLOADS = "uploads";

	static final String ARCHIVE = "archive";

	static final String QUARANTINE = "quarantine";

	static final String SETTINGS_TABLE = "bucketwarden-settings";

	static final String RESULTS_TABLE = "bucketwarden-results";

	static final String SCAN_QUEUE = "bucketwarden-scan";

	/**
	 * The scan topic's subscription: events of the buckets the console wired (apart from
	 * the scan queue, which tests of "scan again" read).
	 */
	static final String EVENTS_QUEUE = "bucketwarden-s3-events";

	static final String RETRO_QUEUE = "bucketwarden-retro";

	/**
	 * The second region: its own S3 event relay in front of the same S3Mock (its S3
	 * endpoint), scan queue (the subscription of its scan topic) and retro queue.
	 */
	static final String WEST = "us-west-2";

	static final String WEST_SCAN_QUEUE = "bucketwarden-scan-west";

	static final String WEST_RETRO_QUEUE = "bucketwarden-retro-west";

	/**
	 * The event agent's jar, which the regions' test runs as the second region's agent;
	 * built before this module in the reactor (or {@code ./mvnw package -pl event-agent
	 * -am}); the test is skipped without it.
	 */
	static final Path EVENT_AGENT_JAR = Path.of("..", "event-agent", "target", "event-agent.jar")
		.toAbsolutePath()
		.normalize();

	static final String JOBS_TABLE = "bucketwarden-jobs";

	/**
	 * The retro agent's jar, which the console runs for a job it starts. It is there when
	 * the reactor built retro-agent before this module (the root pom lists it first) or
	 * after {@code ./mvnw package -pl retro-agent -am}; tests that need it are skipped
	 * without it.
	 */
	static final Path RETRO_JAR = Path.of("..", "retro-agent", "target", "retro-agent.jar")
		.toAbsolutePath()
		.normalize();

	private static ConsoleTestStack instance;

	private static OidcServer oidcServer;

	/** Not the class: {@link #get()} holds that while the stack starts this. */
	private static final Object OIDC_LOCK = new Object();

	final S3MockServer s3mock;

	final DynamoDbLocalServer dynamodb;

	final OidcServer oidc;

	final ClamdServer clamd;

	final ElasticMqServer elasticmq;

	/** In front of S3Mock: the S3 endpoint of the console and of writers. */
	final S3EventRelay relay;

	/** The second region's relay, in front of the same S3Mock. */
	final S3EventRelay westRelay;

	final SqsClient sqs;

	final S3Client s3;

	final DynamoDbClient dynamo;

	final DynamoDbSettingsTable settings;

	final DynamoDbResultStore results;

	private ConsoleTestStack() {
		Path work = Path.of("target", "stack-" + ProcessHandle.current().pid());
		CompletableFuture<S3MockServer> s3 = CompletableFuture
			.supplyAsync(() -> S3MockServer.start(S3MockOptions.in(work.resolve("s3mock"))
				.withBuckets(ARCHIVE, QUARANTINE)
				.withVersionedBuckets(UPLOADS)));
		CompletableFuture<DynamoDbLocalServer> dynamo = CompletableFuture
			.supplyAsync(() -> DynamoDbLocalServer.start(DynamoDbLocalOptions.in(work.resolve("dynamodb"))));
		CompletableFuture<OidcServer> oidc = CompletableFuture.supplyAsync(ConsoleTestStack::oidc);
		CompletableFuture<ClamdServer> clamd = CompletableFuture
			.supplyAsync(() -> ClamdServer.start(ClamdOptions.in(work.resolve("clamd"))));
		CompletableFuture<ElasticMqServer> elasticmq = CompletableFuture
			.supplyAsync(() -> ElasticMqServer.start(ElasticMqOptions.in(work.resolve("elasticmq"))
				.withQueues(QueueDefinition.plain(SCAN_QUEUE), QueueDefinition.plain(EVENTS_QUEUE),
						QueueDefinition.withDeadLetterQueue(RETRO_QUEUE, 3),
						QueueDefinition.withDeadLetterQueue(WEST_SCAN_QUEUE, 3),
						QueueDefinition.withDeadLetterQueue(WEST_RETRO_QUEUE, 3))));
		this.s3mock = s3.join();
		this.dynamodb = dynamo.join();
		this.oidc = oidc.join();
		this.clamd = clamd.join();
		this.elasticmq = elasticmq.join();
		this.sqs = AwsClients.sqs(this.elasticmq);
		String events = this.elasticmq.queueUrl(EVENTS_QUEUE);
		BucketRegions regions = new BucketRegions(AwsEmulator.REGION);
		this.relay = S3EventRelay.start(this.s3mock.endpoint(),
				(body) -> this.sqs.sendMessage((request) -> request.queueUrl(events).messageBody(body)),
				SqsQueues.directory(this.sqs), AwsEmulator.REGION, regions);
		String westScan = this.elasticmq.queueUrl(WEST_SCAN_QUEUE);
		this.westRelay = S3EventRelay.start(this.s3mock.endpoint(),
				(body) -> this.sqs.sendMessage((request) -> request.queueUrl(westScan).messageBody(body)),
				SqsQueues.directory(this.sqs), WEST, regions);
		this.s3 = AwsClients.s3(this.s3mock);
		this.dynamo = AwsClients.dynamoDb(this.dynamodb);
		DynamoDbTables.createAndAwaitActive(this.dynamo, DynamoDbSettingsTable.tableDefinition(SETTINGS_TABLE),
				Duration.ofSeconds(30));
		DynamoDbTables.createAndAwaitActive(this.dynamo, DynamoDbResultStore.tableDefinition(RESULTS_TABLE),
				Duration.ofSeconds(30));
		DynamoDbTables.createAndAwaitActive(this.dynamo, JobStore.tableDefinition(JOBS_TABLE), Duration.ofSeconds(30));
		this.settings = new DynamoDbSettingsTable(this.dynamo, SETTINGS_TABLE);
		this.results = new DynamoDbResultStore(this.dynamo, RESULTS_TABLE);
	}

	/**
	 * The local OIDC server alone, for tests that need only real tokens (the whole stack
	 * shares it).
	 */
	static OidcServer oidc() {
		synchronized (OIDC_LOCK) {
			if (oidcServer == null) {
				oidcServer = OidcServer
					.start(OidcOptions.in(Path.of("target", "stack-" + ProcessHandle.current().pid(), "oidc")));
			}
			return oidcServer;
		}
	}

	static synchronized ConsoleTestStack get() {
		if (instance == null) {
			instance = new ConsoleTestStack();
		}
		return instance;
	}

	/** The console's settings for this stack. */
	void register(DynamicPropertyRegistry registry) {
		registry.add("server.address", () -> "127.0.0.1");
		registry.add("bucketwarden.console.issuer-uri", () -> this.oidc.issuerUri().toString());
		registry.add("bucketwarden.console.client-id", () -> OidcServer.CONSOLE_CLIENT_ID);
		registry.add("bucketwarden.console.client-secret", () -> OidcServer.CLIENT_SECRET);
		registry.add("bucketwarden.console.settings-table", () -> SETTINGS_TABLE);
		// Tests post to webhooks on 127.0.0.1.
		registry.add("bucketwarden.console.webhooks.allow-private-targets", () -> "true");
		registry.add("bucketwarden.results.table", () -> RESULTS_TABLE);
		// agent-core is on the tests' class path (for the in-process agents): the console
		// itself is no agent and writes no usage roll-ups.
		registry.add("bucketwarden.usage.enabled", () -> "false");
		registry.add("spring.cloud.aws.region.static", () -> AwsEmulator.REGION);
		registry.add("spring.cloud.aws.credentials.access-key", () -> AwsEmulator.ACCESS_KEY_ID);
		registry.add("spring.cloud.aws.credentials.secret-key", () -> AwsEmulator.SECRET_ACCESS_KEY);
		registry.add("spring.cloud.aws.s3.endpoint", () -> this.relay.endpoint().toString());
		registry.add("spring.cloud.aws.s3.path-style-access-enabled", () -> "true");
		registry.add("bucketwarden.console.notification-target", this.relay::scanTopicArn);
		registry.add("bucketwarden.console.regions[0].name", () -> WEST);
		registry.add("bucketwarden.console.regions[0].notification-target", this.westRelay::scanTopicArn);
		registry.add("bucketwarden.console.regions[0].s3-endpoint", () -> this.westRelay.endpoint().toString());
		registry.add("bucketwarden.console.regions[0].retro-queue-url",
				() -> this.elasticmq.queueUrl(WEST_RETRO_QUEUE));
		registry.add("spring.cloud.aws.dynamodb.endpoint", () -> this.dynamodb.endpoint().toString());
		registry.add("spring.cloud.aws.sqs.endpoint", () -> this.elasticmq.endpoint().toString());
		registry.add("bucketwarden.console.scan-queue-url", () -> this.elasticmq.queueUrl(SCAN_QUEUE));
		registry.add("bucketwarden.console.retro.jobs-table", () -> JOBS_TABLE);
		registry.add("bucketwarden.console.retro.launcher", () -> "LOCAL");
		registry.add("bucketwarden.console.retro.local.jar", RETRO_JAR::toString);
		registry.add("bucketwarden.console.retro.local.log-directory",
				() -> Path.of("target", "retro-logs").toAbsolutePath().toString());
		List<String> arguments = retroAgentArguments();
		for (int i = 0; i < arguments.size(); i++) {
			String argument = arguments.get(i);
			registry.add("bucketwarden.console.retro.local.arguments[" + i + "]", () -> argument);
		}
	}

	/** The retro agent's settings for this stack, as it gets them from the console. */
	private List<String> retroAgentArguments() {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spring.cloud.aws.region.static", AwsEmulator.REGION);
		settings.put("spring.cloud.aws.credentials.access-key", AwsEmulator.ACCESS_KEY_ID);
		settings.put("spring.cloud.aws.credentials.secret-key", AwsEmulator.SECRET_ACCESS_KEY);
		settings.put("spring.cloud.aws.s3.endpoint", this.s3mock.endpoint().toString());
		settings.put("spring.cloud.aws.s3.path-style-access-enabled", "true");
		settings.put("spring.cloud.aws.sqs.endpoint", this.elasticmq.endpoint().toString());
		settings.put("spring.cloud.aws.dynamodb.endpoint", this.dynamodb.endpoint().toString());
		settings.put("bucketwarden.engines.clamav.host", this.clamd.host());
		settings.put("bucketwarden.engines.clamav.port", Integer.toString(this.clamd.port()));
		settings.put("bucketwarden.retro.queue", this.elasticmq.queueUrl(RETRO_QUEUE));
		settings.put("bucketwarden.retro.jobs-table", JOBS_TABLE);
		settings.put("bucketwarden.retro.worker.max-attempts", "3");
		settings.put("bucketwarden.results.table", RESULTS_TABLE);
		settings.put("bucketwarden.settings.table", SETTINGS_TABLE);
		settings.put("bucketwarden.buckets.defaults.remediation", "KEEP");
		// Short waits: the worker exits soon after the queue goes idle.
		settings.put("bucketwarden.retro.worker.idle-time", "2s");
		settings.put("bucketwarden.retro.worker.job-check", "200ms");
		settings.put("bucketwarden.retro.launcher.type", "LOCAL");
		settings.put("bucketwarden.retro.launcher.local.log-directory",
				Path.of("target", "retro-logs").toAbsolutePath().toString());
		return settings.entrySet().stream().map((e) -> "--" + e.getKey() + "=" + e.getValue()).toList();
	}

}
