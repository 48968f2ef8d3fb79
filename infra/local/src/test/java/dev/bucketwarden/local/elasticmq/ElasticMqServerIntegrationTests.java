package dev.bucketwarden.local.elasticmq;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import dev.bucketwarden.local.ListeningSockets;
import dev.bucketwarden.local.aws.AwsClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ElasticMQ with queues from its generated configuration, as the local stack starts it: a
 * dedicated server, not the shared one of {@code ElasticMqExtension}.
 */
class ElasticMqServerIntegrationTests {

	@TempDir
	static Path workDir;

	private static ElasticMqServer server;

	private static SqsClient sqs;

	@BeforeAll
	static void start() {
		server = ElasticMqServer.start(ElasticMqOptions.in(workDir)
			.withQueues(QueueDefinition.withDeadLetterQueue("scan", 2), QueueDefinition.plain("findings")));
		sqs = AwsClients.sqs(server);
	}

	@AfterAll
	static void stop() {
		sqs.close();
		server.close();
		assertThat(server.isRunning()).isFalse();
	}

	@Test
	void shouldCreateTheConfiguredQueuesWithARedrivePolicy() {
		assertThat(sqs.listQueues().queueUrls()).contains(server.queueUrl("scan"), server.queueUrl("scan-dlq"),
				server.queueUrl("findings"));
		String redrivePolicy = sqs
			.getQueueAttributes((request) -> request.queueUrl(server.queueUrl("scan"))
				.attributeNames(QueueAttributeName.REDRIVE_POLICY))
			.attributes()
			.get(QueueAttributeName.REDRIVE_POLICY);
		assertThat(redrivePolicy).contains("scan-dlq").containsPattern("\"maxReceiveCount\":\"?2");
	}

	@Test
	void shouldSendReceiveAndDelete() {
		String queue = server.queueUrl("findings");
		sqs.sendMessage((send) -> send.queueUrl(queue).messageBody("{\"result\":\"Infected\"}"));

		List<Message> messages = sqs.receiveMessage((receive) -> receive.queueUrl(queue).waitTimeSeconds(5)).messages();
		assertThat(messages).extracting(Message::body).containsExactly("{\"result\":\"Infected\"}");
		sqs.deleteMessage((delete) -> delete.queueUrl(queue).receiptHandle(messages.get(0).receiptHandle()));

		assertThat(sqs.receiveMessage((receive) -> receive.queueUrl(queue).waitTimeSeconds(1)).messages()).isEmpty();
	}

	@Test
	void shouldMoveAMessageReceivedMaxReceiveCountTimesToTheDeadLetterQueue() {
		String queue = server.queueUrl("scan");
		sqs.sendMessage((send) -> send.queueUrl(queue).messageBody("poison"));

		for (int receive = 1; receive <= 2; receive++) {
			// Visibility 0: the message is back at once, as after a failed scan.
			assertThat(sqs.receiveMessage((request) -> request.queueUrl(queue).visibilityTimeout(0).waitTimeSeconds(5))
				.messages()).extracting(Message::body).containsExactly("poison");
		}

		// As in SQS, the receive after the last allowed one moves the message.
		assertThat(sqs.receiveMessage((request) -> request.queueUrl(queue).waitTimeSeconds(1)).messages()).isEmpty();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					sqs.receiveMessage((request) -> request.queueUrl(server.queueUrl("scan-dlq")).waitTimeSeconds(1))
						.messages())
				.extracting(Message::body)
				.containsExactly("poison"));
	}

	@Test
	void shouldListenOnLoopbackOnly() {
		assertThat(ListeningSockets.of(server.pid())).isNotEmpty()
			.allSatisfy((address) -> assertThat(address.getAddress().isLoopbackAddress()).isTrue());
	}

}
