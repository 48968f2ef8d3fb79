package dev.bucketwarden.bench.chaos.event;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.bucketwarden.bench.chaos.ChaosOptions;
import dev.bucketwarden.bench.support.BenchArgs;

/**
 * The event part's options, from the command's and its own ({@code --objects N},
 * {@code --pause-intake NEVER|UNREACHABLE|NOT_READY}, {@code --span SECONDS}).
 *
 * @param keys keys written (a few more versions)
 * @param largest the largest object
 * @param pauseIntake the agents' {@code pause-intake}
 * @param span the fault schedule is spread over this time
 * @param drainTimeout the longest a drain may take once the schedule is through
 * @param counts how many faults of each kind
 */
record EventChaosOptions(ChaosOptions common, int keys, long largest, String pauseIntake, Duration span,
		Duration drainTimeout, FaultSchedule.Counts counts, Path eventAgentJar, Path retroAgentJar) {

	static final String AGENT_HEAP = "256m";

	static final long AGENT_HEAP_BYTES = 256L << 20;

	/**
	 * What an agent with {@link #AGENT_HEAP} may hold resident: heap, metaspace, code,
	 * threads, buffers.
	 */
	static final long AGENT_RSS_LIMIT = 640L << 20;

	static EventChaosOptions of(ChaosOptions common) {
		boolean shortRun = common.shortRun();
		int keys = shortRun ? 200 : 10_000;
		String pauseIntake = "UNREACHABLE";
		Duration span = shortRun ? Duration.ofSeconds(45) : Duration.ofMinutes(10);
		List<String> rest = common.rest();
		for (int i = 0; i < rest.size(); i++) {
			String name = rest.get(i);
			if (i + 1 >= rest.size()) {
				throw new IllegalArgumentException(name + " needs a value");
			}
			String value = rest.get(++i);
			switch (name) {
				case "--objects" -> keys = Integer.parseInt(value);
				case "--pause-intake" -> {
					if (!List.of("NEVER", "UNREACHABLE", "NOT_READY").contains(value)) {
						throw new IllegalArgumentException("--pause-intake takes NEVER, UNREACHABLE or NOT_READY");
					}
					pauseIntake = value;
				}
				case "--span" -> span = Duration.ofSeconds(Long.parseLong(value));
				default -> {
					// another part's option
				}
			}
		}
		Path root = BenchArgs.repositoryRoot();
		return new EventChaosOptions(common, keys, 32L << 20, pauseIntake, span,
				shortRun ? Duration.ofMinutes(2) : Duration.ofMinutes(15),
				shortRun ? FaultSchedule.Counts.SHORT : FaultSchedule.Counts.DEFAULT,
				root.resolve("event-agent/target/event-agent.jar"), root.resolve("retro-agent/target/retro-agent.jar"));
	}

}
