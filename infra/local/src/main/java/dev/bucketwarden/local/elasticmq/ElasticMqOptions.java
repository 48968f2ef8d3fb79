package dev.bucketwarden.local.elasticmq;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to run one ElasticMQ.
 *
 * @param workDir where its configuration and log go (messages are kept in memory)
 * @param queues queues to create at start
 * @param heap the child JVM's maximum heap
 * @param startTimeout how long to wait until it answers and has its queues
 */
public record ElasticMqOptions(Path workDir, List<QueueDefinition> queues, String heap, Duration startTimeout) {

	public ElasticMqOptions {
		Objects.requireNonNull(workDir, "workDir");
		queues = List.copyOf(queues);
	}

	/** Defaults for tests and the local stack, in the given work directory. */
	public static ElasticMqOptions in(Path workDir) {
		return new ElasticMqOptions(workDir, List.of(), "192m", Duration.ofSeconds(60));
	}

	public ElasticMqOptions withQueues(QueueDefinition... queues) {
		List<QueueDefinition> all = new ArrayList<>(this.queues);
		all.addAll(List.of(queues));
		return new ElasticMqOptions(this.workDir, all, this.heap, this.startTimeout);
	}

	public ElasticMqOptions withHeap(String heap) {
		return new ElasticMqOptions(this.workDir, this.queues, heap, this.startTimeout);
	}

	/** Every queue name, dead-letter queues included. */
	public List<String> queueNames() {
		List<String> names = new ArrayList<>();
		for (QueueDefinition queue : this.queues) {
			names.add(queue.name());
			if (queue.hasDeadLetterQueue()) {
				names.add(queue.deadLetterQueueName());
			}
		}
		return names;
	}

}
