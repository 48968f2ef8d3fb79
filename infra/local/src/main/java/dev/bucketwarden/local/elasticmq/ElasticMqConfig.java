package dev.bucketwarden.local.elasticmq;

import java.util.HashSet;
import java.util.Set;

/**
 * Writes ElasticMQ's configuration (HOCON, over the defaults in its
 * {@code application.conf}): REST SQS on 127.0.0.1 only, queue URLs that name that
 * address, our region and fake account, and the queues.
 */
final class ElasticMqConfig {

	static final String ACCOUNT_ID = "000000000000";

	private ElasticMqConfig() {
	}

	static String render(String host, int port, String region, Iterable<QueueDefinition> queues) {
		StringBuilder config = new StringBuilder();
		config.append("include classpath(\"application.conf\")\n\n");
		config.append("node-address {\n  protocol = http\n  host = \"").append(host);
		config.append("\"\n  port = ").append(port).append("\n  context-path = \"\"\n}\n");
		config.append("rest-sqs {\n  enabled = true\n  bind-hostname = \"").append(host);
		config.append("\"\n  bind-port = ").append(port).append("\n  sqs-limits = strict\n}\n");
		config.append("generate-node-address = false\n");
		config.append("aws {\n  region = \"").append(region).append("\"\n  accountId = \"").append(ACCOUNT_ID);
		config.append("\"\n}\n");
		config.append("queues {\n");
		Set<String> written = new HashSet<>();
		for (QueueDefinition queue : queues) {
			if (queue.hasDeadLetterQueue() && written.add(queue.deadLetterQueueName())) {
				queue(config, queue.deadLetterQueueName(), queue.fifo(), queue.visibilityTimeout().toSeconds(), null,
						0);
			}
			if (written.add(queue.name())) {
				queue(config, queue.name(), queue.fifo(), queue.visibilityTimeout().toSeconds(),
						queue.hasDeadLetterQueue() ? queue.deadLetterQueueName() : null, queue.maxReceiveCount());
			}
		}
		config.append("}\n");
		return config.toString();
	}

	private static void queue(StringBuilder config, String name, boolean fifo, long visibilitySeconds,
			String deadLetterQueue, int maxReceiveCount) {
		config.append("  \"").append(name).append("\" {\n");
		config.append("    defaultVisibilityTimeout = ").append(visibilitySeconds).append(" seconds\n");
		if (fifo) {
			config.append("    fifo = true\n");
		}
		if (deadLetterQueue != null) {
			config.append("    deadLettersQueue {\n      name = \"").append(deadLetterQueue);
			config.append("\"\n      maxReceiveCount = ").append(maxReceiveCount).append("\n    }\n");
		}
		config.append("  }\n");
	}

}
