package dev.bucketwarden.local.elasticmq;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ElasticMqConfigTests {

	@Test
	void shouldBindToTheGivenAddressOnly() {
		String config = ElasticMqConfig.render("127.0.0.1", 4567, "us-east-1", List.of());

		assertThat(config).contains("bind-hostname = \"127.0.0.1\"", "bind-port = 4567", "host = \"127.0.0.1\"",
				"port = 4567", "region = \"us-east-1\"");
	}

	@Test
	void shouldGiveAMainQueueItsDeadLetterQueueAndRedrivePolicy() {
		String config = ElasticMqConfig.render("127.0.0.1", 4567, "us-east-1",
				List.of(QueueDefinition.withDeadLetterQueue("scan", 5), QueueDefinition.plain("findings")));

		assertThat(config).contains("\"scan-dlq\" {", "\"findings\" {")
			.containsPattern("\"scan\" \\{[^}]*deadLettersQueue \\{\\s*name = \"scan-dlq\"\\s*maxReceiveCount = 5");
		assertThat(config).doesNotContain("\"findings-dlq\"");
	}

	@Test
	void shouldKeepFifoQueuesAndTheirDeadLetterQueuesFifo() {
		QueueDefinition queue = QueueDefinition.withDeadLetterQueue("retro.fifo", 3);

		assertThat(queue.deadLetterQueueName()).isEqualTo("retro-dlq.fifo");
		assertThat(ElasticMqConfig.render("127.0.0.1", 4567, "us-east-1", List.of(queue)))
			.containsPattern("\"retro-dlq.fifo\" \\{[^}]*fifo = true");
	}

	@Test
	void shouldRefuseNamesSqsWouldRefuse() {
		assertThatIllegalArgumentException().isThrownBy(() -> QueueDefinition.plain("scan queue"));
		assertThatIllegalArgumentException().isThrownBy(() -> QueueDefinition.withDeadLetterQueue("scan", 0));
	}

}
