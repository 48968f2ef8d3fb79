package dev.bucketwarden.bench.chaos.api;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.bench.chaos.MemorySampler;

/**
 * The agent's memory as sampled during the run, against its limits: the heap it used
 * (never more than its {@code -Xmx}, or the JVM would have ended with an
 * OutOfMemoryError: it runs with {@code ExitOnOutOfMemoryError}, so the agent still
 * running at the end is part of the check) and its resident set.
 *
 * @param samples how many samples were taken
 * @param maxHeapUsed the most heap in use in any sample, in bytes
 * @param heapLimit the agent's maximum heap, in bytes
 * @param maxRss the largest resident set in any sample, in bytes
 * @param rssLimit the resident set the agent must stay under, in bytes
 * @param exit how the agent ended during the run, or {@code null} when it ran to the end
 */
record MemorySamples(int samples, long maxHeapUsed, long heapLimit, long maxRss, long rssLimit, @Nullable String exit) {

	/**
	 * The samples of the agent's peak, or none when it was never sampled.
	 * @param peak the sampler's peak for the agent, {@code null} without a sample
	 */
	static MemorySamples of(MemorySampler.@Nullable Peak peak, long heapLimit, long rssLimit, @Nullable String exit) {
		return (peak != null) ? new MemorySamples(peak.samples(), peak.heap(), heapLimit, peak.rss(), rssLimit, exit)
				: new MemorySamples(0, 0, heapLimit, 0, rssLimit, exit);
	}

	ApiInvariants.Check check() {
		List<String> violations = new ArrayList<>();
		if (this.samples == 0) {
			violations.add("the agent's memory was never sampled");
		}
		if (this.maxHeapUsed > this.heapLimit) {
			violations.add("heap " + mib(this.maxHeapUsed) + " over its limit of " + mib(this.heapLimit));
		}
		if (this.maxRss > this.rssLimit) {
			violations.add("RSS " + mib(this.maxRss) + " over its limit of " + mib(this.rssLimit));
		}
		if (this.exit != null) {
			violations.add("the agent ended during the run: " + this.exit);
		}
		return new ApiInvariants.Check(
				"the agent's heap and RSS stayed under their limits (heap max " + mib(this.maxHeapUsed) + " of "
						+ mib(this.heapLimit) + ", RSS max " + mib(this.maxRss) + " of " + mib(this.rssLimit) + ")",
				this.samples, violations);
	}

	static String mib(long bytes) {
		return (bytes >> 20) + " MiB";
	}

}
