package dev.bucketwarden.local.dynamodb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run one DynamoDB Local.
 *
 * @param workDir where its log goes (the database is in memory)
 * @param heap the child JVM's maximum heap
 * @param startTimeout how long to wait until it answers
 */
public record DynamoDbLocalOptions(Path workDir, String heap, Duration startTimeout) {

	public DynamoDbLocalOptions {
		Objects.requireNonNull(workDir, "workDir");
	}

	/** Defaults for tests and the local stack, in the given work directory. */
	public static DynamoDbLocalOptions in(Path workDir) {
		return new DynamoDbLocalOptions(workDir, "256m", Duration.ofSeconds(60));
	}

	public DynamoDbLocalOptions withHeap(String heap) {
		return new DynamoDbLocalOptions(this.workDir, heap, this.startTimeout);
	}

}
