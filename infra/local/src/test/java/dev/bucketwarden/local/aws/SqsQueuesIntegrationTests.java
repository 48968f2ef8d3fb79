package dev.bucketwarden.local.aws;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import dev.bucketwarden.local.elasticmq.ElasticMqServer;
import dev.bucketwarden.local.junit.ElasticMqExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(ElasticMqExtension.class)
class SqsQueuesIntegrationTests {

	@Test
	void shouldCreateAQueueWhoseRejectedMessagesReachItsDeadLetterQueue(ElasticMqServer server) {
		try (SqsClient sqs = AwsClients.sqs(server)) {
			SqsQueues.QueueUrls queues = SqsQueues.createWithDeadLetterQueue(sqs, "scan-" + UUID.randomUUID(), 1);
			sqs.sendMessage((send) -> send.queueUrl(queues.queue()).messageBody("poison"));

			assertThat(sqs
				.receiveMessage((receive) -> receive.queueUrl(queues.queue()).visibilityTimeout(0).waitTimeSeconds(5))
				.messages()).hasSize(1);
			// As in SQS, the receive after the last allowed one moves the message.
			assertThat(sqs.receiveMessage((receive) -> receive.queueUrl(queues.queue()).waitTimeSeconds(1)).messages())
				.isEmpty();

			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(
						sqs.receiveMessage((receive) -> receive.queueUrl(queues.deadLetterQueue()).waitTimeSeconds(1))
							.messages())
					.extracting(Message::body)
					.containsExactly("poison"));
		}
	}

}
