package dev.bucketwarden.bench.support;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Waits for an agent's JIT compilers: on two busy cores the C2 compiler needs minutes for
 * an agent's code (Spring, the AWS SDK, Netty), and meanwhile it takes as much CPU as the
 * scans themselves, so a measurement starts once they are idle.
 */
public final class AgentJit {

	/** The JIT is idle when its threads used at most this much CPU in a window. */
	private static final double IDLE_SHARE_OF_A_CORE = 0.02;

	private static final Duration IDLE_WINDOW = Duration.ofSeconds(2);

	private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(90);

	private AgentJit() {
	}

	/** Waits until the agent's JIT compilers are idle, or {@link #IDLE_TIMEOUT}. */
	public static void awaitIdle(AgentProcess agent, PrintStream out) {
		long started = System.nanoTime();
		long deadline = started + IDLE_TIMEOUT.toNanos();
		double used = 1;
		while (System.nanoTime() < deadline) {
			long ticksBefore = ThreadCpu.sample(agent.pid()).getOrDefault("JIT", 0L);
			Pause.sleep(IDLE_WINDOW);
			long ticks = ThreadCpu.sample(agent.pid()).getOrDefault("JIT", 0L) - ticksBefore;
			// Clock ticks are hundredths of a second on Linux.
			used = ticks / 100.0 / IDLE_WINDOW.toSeconds();
			if (used <= IDLE_SHARE_OF_A_CORE) {
				break;
			}
		}
		out.printf(Locale.ROOT, "  the agent's JIT compilers %s after %.0f s (%.0f%% of a core in the last %d s)%n",
				(used <= IDLE_SHARE_OF_A_CORE) ? "idle" : "still busy", (System.nanoTime() - started) / 1e9, 100 * used,
				IDLE_WINDOW.toSeconds());
	}

}
