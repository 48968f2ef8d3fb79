package dev.bucketwarden.agent.findings;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.junit.DynamoDbLocalExtension;
import dev.bucketwarden.local.time.TestClock;
import dev.bucketwarden.store.StoreException;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;
import dev.bucketwarden.store.settings.StoredIntegrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The console's integrations against DynamoDB Local and a webhook on 127.0.0.1: a webhook
 * saved in the console reaches a running publisher once the refresh interval has passed
 * (driven by a test clock), and removing it stops the posts.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class ConsoleIntegrationsPublisherIntegrationTests {

	private static final Duration INTERVAL = Duration.ofSeconds(5);

	private static int tables;

	private final TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));

	private final BlockingQueue<String> posts = new LinkedBlockingQueue<>();

	private final List<StoredIntegrations> built = new ArrayList<>();

	private HttpServer server;

	private DynamoDbClient dynamo;

	private DynamoDbSettingsTable table;

	private ConsoleIntegrationsPublisher publisher;

	@BeforeEach
	void setUp(DynamoDbLocalServer dynamoDb) throws IOException {
		this.server = WebhookFindingPublisherIntegrationTests.WebhookServer.start(this.posts, new AtomicInteger(200));
		this.dynamo = AwsClients.dynamoDb(dynamoDb);
		String name = "integrations-" + (++tables);
		DynamoDbTables.createAndAwaitActive(this.dynamo, DynamoDbSettingsTable.tableDefinition(name),
				Duration.ofSeconds(30));
		this.table = new DynamoDbSettingsTable(this.dynamo, name);
		this.publisher = new ConsoleIntegrationsPublisher(this.table, (integrations) -> {
			this.built.add(integrations);
			return (integrations.webhookUrl() != null)
					? List.of(new WebhookFindingPublisher(URI.create(integrations.webhookUrl()), Duration.ofSeconds(5),
							false, true))
					: List.of();
		}, INTERVAL, this.clock);
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void shouldPickUpANewWebhookWithinTheRefreshIntervalAndStopWhenItIsRemoved() throws Exception {
		this.publisher.publish(infected());
		assertThat(this.publisher.integrations()).isEqualTo(StoredIntegrations.NONE);

		// Written as the console writes it: the item, then the version bump.
		this.table.putIntegrations(new StoredIntegrations(null, null, webhook()));
		this.clock.set(this.clock.instant().plus(INTERVAL).minusSeconds(1));
		this.publisher.publish(infected());
		assertThat(this.posts).as("cached until the interval passes").isEmpty();

		this.clock.set(this.clock.instant().plusSeconds(1));
		this.publisher.publish(infected());
		assertThat(this.posts.poll(5, TimeUnit.SECONDS)).contains("BucketWarden: Infected s3://uploads/in/eicar.txt");
		assertThat(this.publisher.integrations().webhookUrl()).isEqualTo(webhook());

		this.clock.set(this.clock.instant().plus(INTERVAL));
		this.publisher.publish(infected());
		assertThat(this.posts.poll(5, TimeUnit.SECONDS)).as("still set: still posted").isNotNull();
		assertThat(this.built).as("sinks rebuilt only when the integrations changed").hasSize(2);

		this.table.putIntegrations(StoredIntegrations.NONE);
		this.clock.set(this.clock.instant().plus(INTERVAL));
		this.publisher.publish(infected());
		assertThat(this.posts).as("removed: no more posts").isEmpty();
		assertThat(this.publisher.integrations()).isEqualTo(StoredIntegrations.NONE);
	}

	@Test
	void shouldReadTheItemTheConsoleWrites() {
		this.dynamo.putItem((request) -> request.tableName(this.table.name())
			.item(java.util.Map.of("pk", AttributeValue.fromS("INTEGRATION"), "sk", AttributeValue.fromS("CURRENT"),
					"snsTopicArn", AttributeValue.fromS("arn:aws:sns:eu-west-1:123456789012:findings"), "webhookUrl",
					AttributeValue.fromS(webhook()))));

		assertThat(this.table.integrations())
			.isEqualTo(new StoredIntegrations("arn:aws:sns:eu-west-1:123456789012:findings", null, webhook()));
	}

	@Test
	void shouldFailTheFirstPublishWhenTheTableCannotBeRead() {
		ConsoleIntegrationsPublisher missing = new ConsoleIntegrationsPublisher(
				new DynamoDbSettingsTable(this.dynamo, "no-such-table"), (integrations) -> List.of(), INTERVAL,
				this.clock);

		assertThatExceptionOfType(StoreException.class).isThrownBy(() -> missing.publish(infected()));
	}

	@Test
	void shouldNotHoldBackTheScanWhenTheConsolesWebhookFailsButCountIt() {
		this.table.putIntegrations(
				new StoredIntegrations(null, null, "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook"));
		this.server.stop(0);

		this.publisher.publish(infected());
		assertThat(this.publisher.failures()).isEqualTo(1);
	}

	private String webhook() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook";
	}

	private static dev.bucketwarden.store.results.ScanRecord infected() {
		return WebhookFindingPublisherIntegrationTests.record(ResultStatus.INFECTED, List.of("Eicar-Signature"));
	}

}
