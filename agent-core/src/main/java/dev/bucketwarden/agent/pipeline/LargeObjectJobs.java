package dev.bucketwarden.agent.pipeline;

import java.time.Duration;
import java.util.Objects;

import dev.bucketwarden.agent.large.LargeObjectPlanner;
import dev.bucketwarden.agent.large.PartQueue;
import dev.bucketwarden.agent.large.PartScanner;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.store.large.DynamoDbLargeScanJobs;

/**
 * What the pipeline needs to scan objects larger than the chain's content limit as jobs
 * of parts (docs/large-objects.md); without it such objects are Unscannable (too large).
 *
 * @param jobs the job items
 * @param queue the large-object queue
 * @param planner how an object is cut
 * @param scanner how one part is fetched and scanned
 * @param window the configured part size, 0 for the default: the chain's content limit,
 * at most {@link #DEFAULT_WINDOW}
 * @param overlap the bytes neighbouring windows share
 * @param takeoverAfter how long a decided job is left to the worker that decided it
 * before another worker finishes it
 */
public record LargeObjectJobs(DynamoDbLargeScanJobs jobs, PartQueue queue, LargeObjectPlanner planner,
		PartScanner scanner, long window, long overlap, Duration takeoverAfter) {

	/** The part size unless one is configured: 256 MiB. */
	public static final long DEFAULT_WINDOW = 256L << 20;

	public LargeObjectJobs {
		Objects.requireNonNull(jobs, "jobs");
		Objects.requireNonNull(queue, "queue");
		Objects.requireNonNull(planner, "planner");
		Objects.requireNonNull(scanner, "scanner");
		if (window < 0 || overlap < 0) {
			throw new IllegalArgumentException("window and overlap must not be negative");
		}
	}

	/**
	 * The part size for a chain: never more than its content limit, so no engine ever
	 * cuts a part short.
	 */
	long window(EngineChain chain) {
		long wanted = (this.window > 0) ? this.window : DEFAULT_WINDOW;
		return Math.min(wanted, chain.maxContentBytes());
	}

}
