package dev.bucketwarden.bench.event;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.bucketwarden.bench.support.AgentProcess;

/**
 * What a fresh agent paid before and during its drain, on one line: from the JVM's launch
 * to its first receive (wall time and the agent's CPU), Spring Boot's own start-up figure
 * from the log, and the agent's CPU per object over the drain, without and with the
 * start-up.
 */
final class FreshStart {

	private static final Pattern STARTED = Pattern
		.compile("Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

	private FreshStart() {
	}

	/**
	 * @param totalCpuSeconds the agent's CPU since launch, sampled once the drain was
	 * done (so the start-up share also holds the idle moments after the drain)
	 */
	static String describe(EventOptions.ObjectSet set, String name, AgentProcess agent, AgentDrain.Result drain,
			double totalCpuSeconds) {
		double toReceive = Duration.between(agent.started(), drain.start()).toNanos() / 1e9;
		double drainCpu = (drain.cpu() != null) ? drain.cpu().secondsOf(AgentDrain.AGENT) : Double.NaN;
		double startupCpu = totalCpuSeconds - drainCpu;
		String spring = drain.log()
			.stream()
			.map(STARTED::matcher)
			.filter(Matcher::find)
			.findFirst()
			.map((m) -> "Spring started in " + m.group(1) + " s (JVM up " + m.group(2) + " s)")
			.orElse("no Spring start-up line");
		double jit = drain.agentThreads().getOrDefault("JIT", Double.NaN);
		return String.format(Locale.ROOT,
				"  %-6s %-5s launch -> first receive %.2f s, %.2f s of CPU; %s; drain %.2f ms of CPU per object"
						+ " (JIT %.0f%%), %.2f ms with the start-up",
				set.label(), name, toReceive, startupCpu, spring, 1000 * drainCpu / set.count(), 100 * jit,
				1000 * totalCpuSeconds / set.count());
	}

}
