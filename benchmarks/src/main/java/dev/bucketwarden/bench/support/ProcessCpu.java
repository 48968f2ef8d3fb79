package dev.bucketwarden.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of named processes (the event agent, clamd, each emulator, this JVM) and of
 * the whole machine, from Linux's {@code /proc}: where the CPU went during a run, and how
 * much of it other processes took. {@link CpuMonitor} does the same for two processes;
 * the event benchmark has six. Reports nothing where {@code /proc} is missing.
 */
public final class ProcessCpu {

	private static final Path STAT = Path.of("/proc/stat");

	private final Map<String, Long> pids = new LinkedHashMap<>();

	/**
	 * Watches this process under the name; a later call with the same name replaces it.
	 */
	public void watch(String name, long pid) {
		this.pids.put(name, pid);
	}

	/** A reading of the machine's and the watched processes' counters. */
	public Sample sample() {
		try {
			String[] cpu = Files.readAllLines(STAT).getFirst().trim().split("\\s+");
			long[] v = Arrays.stream(cpu, 1, cpu.length).mapToLong(Long::parseLong).toArray();
			// user nice system idle iowait irq softirq steal ...
			long total = 0;
			for (int i = 0; i < Math.min(v.length, 8); i++) {
				total += v[i];
			}
			long busy = v[0] + v[1] + v[2] + ((v.length > 6) ? v[5] + v[6] : 0);
			Map<String, Long> ticks = new LinkedHashMap<>();
			this.pids.forEach((name, pid) -> ticks.put(name, processTicks(pid)));
			return new Sample(System.nanoTime(), total, busy, ticks);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * user + system time of a process and its threads in clock ticks; 0 once it is gone.
	 */
	private static long processTicks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// Fields after the command name, which is in parentheses and may hold spaces.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
			// fields[0] is field 3 (state); utime and stime are fields 14 and 15.
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** What the CPU did between two samples, or {@code null} when unknown. */
	public static Usage between(Sample before, Sample after) {
		if (before == null || after == null || after.total() <= before.total()) {
			return null;
		}
		long total = after.total() - before.total();
		double wallSeconds = (after.nanos() - before.nanos()) / 1e9;
		// /proc/stat counts ticks of all cores: total ticks = wall time x cores x HZ.
		double secondsPerTick = wallSeconds * Runtime.getRuntime().availableProcessors() / total;
		Map<String, Double> seconds = new LinkedHashMap<>();
		long ours = 0;
		for (Map.Entry<String, Long> entry : after.ticks().entrySet()) {
			Long start = before.ticks().get(entry.getKey());
			// A process started between the samples (the agent) counts from zero.
			long used = Math.max(0, entry.getValue() - ((start != null) ? start : 0));
			ours += used;
			seconds.put(entry.getKey(), used * secondsPerTick);
		}
		long others = Math.max(0, (after.busy() - before.busy()) - ours);
		return new Usage(wallSeconds, seconds, others / (double) total,
				(after.busy() - before.busy()) / (double) total);
	}

	/** Counters in clock ticks, and when they were read. */
	public record Sample(long nanos, long total, long busy, Map<String, Long> ticks) {
	}

	/**
	 * What the CPU did during a run.
	 *
	 * @param wallSeconds how long the run took
	 * @param seconds CPU seconds used by each watched process
	 * @param others share of all the machine's CPU time used by processes not watched
	 * @param busy share of all the machine's CPU time used by anything
	 */
	public record Usage(double wallSeconds, Map<String, Double> seconds, double others, double busy) {

		public double secondsOf(String name) {
			return this.seconds.getOrDefault(name, 0.0);
		}

	}

}
