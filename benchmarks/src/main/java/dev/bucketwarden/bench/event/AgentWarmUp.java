package dev.bucketwarden.bench.event;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.bucketwarden.bench.support.AgentJit;
import dev.bucketwarden.bench.support.AgentProcess;
import dev.bucketwarden.bench.support.ThreadCpu;

/**
 * Warms a running agent up before its warm drains: it scans about {@code --warmup-mib} of
 * each size (at least four objects; the events go straight to the scan queue), then the
 * benchmark waits until its JIT compilers are idle ({@link AgentJit}). On two busy cores
 * the C2 compiler needs minutes for the agent's code (Spring, the AWS SDK, Netty);
 * meanwhile it takes as much CPU as the scans themselves.
 */
final class AgentWarmUp {

	/**
	 * A batch during which the JIT took at most this share of the agent's CPU ends the
	 * warm-up.
	 */
	private static final double SETTLED_JIT_SHARE = 0.10;

	private static final long BATCH_BYTES = 16L << 20;

	private AgentWarmUp() {
	}

	/**
	 * Scans warm-up objects of one size in batches (at most 500 objects or 16 MiB, at
	 * least 4 objects) until a batch's JIT share of the agent's CPU is at most
	 * {@link #SETTLED_JIT_SHARE} or {@code --warmup-mib} is scanned.
	 */
	static void scan(EventStack stack, AgentProcess agent, List<Path> files, EventOptions.ObjectSet set,
			EventOptions options, PrintStream out) {
		long budget = (long) options.warmupMib() << 20;
		int batchSize = (int) Math.min(files.size(), Math.max(4, Math.min(500, BATCH_BYTES / set.size())));
		long scanned = 0;
		for (int batch = 1; scanned < budget; batch++) {
			long started = System.nanoTime();
			List<String> buckets = stack.createBuckets("bw-warmup-" + bucketLabel(set) + "-" + batch,
					(batchSize + options.objectsPerBucket() - 1) / options.objectsPerBucket(), options.versioned());
			Map<String, Long> before = ThreadCpu.sample(agent.pid());
			Uploads.put(stack.uploads, buckets, options.objectsPerBucket(), "warmup/" + bucketLabel(set) + "/",
					files.subList(0, batchSize), set.size(), options.uploadThreads(), Duration.ofMinutes(30));
			AgentDrain.awaitFindings(stack, agent, batchSize, Duration.ofMinutes(options.drainTimeoutMinutes()));
			double jit = ThreadCpu.shares(before, ThreadCpu.sample(agent.pid())).getOrDefault("JIT", 0.0);
			AgentDrain.awaitAcknowledged(stack);
			Uploads.clearQueue(stack.sqs, stack.findingsQueueUrl());
			scanned += (long) batchSize * set.size();
			out.printf(Locale.ROOT, "  warm-up batch %d: %d x %s in %.1f s, JIT %.0f%% of the agent's CPU%n", batch,
					batchSize, set.label(), (System.nanoTime() - started) / 1e9, 100 * jit);
			if (jit <= SETTLED_JIT_SHARE) {
				break;
			}
		}
	}

	static String bucketLabel(EventOptions.ObjectSet set) {
		return set.label().replace(" ", "").toLowerCase(Locale.ROOT);
	}

}
