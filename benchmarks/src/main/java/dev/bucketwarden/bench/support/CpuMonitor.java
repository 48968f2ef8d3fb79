package dev.bucketwarden.bench.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.sun.management.OperatingSystemMXBean;

/**
 * How much of the machine other processes used while a run went on, from Linux's
 * {@code /proc}: the CPU time of the whole machine minus that of this JVM and of clamd.
 * On a 2-core machine shared with builds and tests, that is the main source of noise, so
 * each run reports it and disturbed rounds can be repeated. Reports nothing where
 * {@code /proc} is missing.
 */
public final class CpuMonitor {

	private static final Path STAT = Path.of("/proc/stat");

	private final long clientPid;

	private final long clamdPid;

	public CpuMonitor(long clientPid, long clamdPid) {
		this.clientPid = clientPid;
		this.clamdPid = clamdPid;
	}

	/** A reading of the machine's and the watched processes' CPU counters. */
	public Sample sample() {
		try {
			String[] cpu = Files.readAllLines(STAT).getFirst().trim().split("\\s+");
			long[] v = Arrays.stream(cpu, 1, cpu.length).mapToLong(Long::parseLong).toArray();
			// user nice system idle iowait irq softirq steal ...
			long total = 0;
			for (int i = 0; i < Math.min(v.length, 8); i++) {
				total += v[i];
			}
			long busy = v[0] + v[1] + v[2];
			long steal = (v.length > 7) ? v[7] : 0;
			return new Sample(System.nanoTime(), total, busy, steal, processTicks(this.clientPid),
					processTicks(this.clamdPid), clientCpuNanos());
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/** This JVM's CPU time in nanoseconds, more precise than its clock ticks. */
	private static long clientCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return -1;
	}

	/** user + system time of a process and its threads, in clock ticks. */
	private static long processTicks(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		// Fields after the command name, which is in parentheses and may hold spaces.
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
		// fields[0] is field 3 (state); utime and stime are fields 14 and 15.
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	/**
	 * What the CPU did between two samples, or {@code null} when unknown.
	 */
	public static Share between(Sample before, Sample after) {
		if (before == null || after == null) {
			return null;
		}
		long total = after.total() - before.total();
		if (total <= 0) {
			return null;
		}
		long client = after.client() - before.client();
		long clamd = after.clamd() - before.clamd();
		long others = (after.busy() - before.busy()) - client - clamd;
		// /proc/stat counts ticks of all cores: total ticks = wall time x cores x HZ.
		double secondsPerTick = (after.nanos() - before.nanos()) / 1e9 * Runtime.getRuntime().availableProcessors()
				/ total;
		double clientSeconds = (before.clientNanos() >= 0 && after.clientNanos() >= 0)
				? (after.clientNanos() - before.clientNanos()) / 1e9 : client * secondsPerTick;
		return new Share(Math.max(0, others) / (double) total, (after.steal() - before.steal()) / (double) total,
				clientSeconds, clamd * secondsPerTick);
	}

	/**
	 * Counters in clock ticks, and when they were read; this JVM's CPU time also in
	 * nanoseconds (-1 when unknown).
	 */
	public record Sample(long nanos, long total, long busy, long steal, long client, long clamd, long clientNanos) {
	}

	/**
	 * What the CPU did during a run.
	 *
	 * @param others share of all the machine's CPU time used by processes other than the
	 * benchmark and its clamd
	 * @param steal share stolen by the hypervisor
	 * @param clientSeconds CPU seconds used by the benchmark's JVM (the client side)
	 * @param clamdSeconds CPU seconds used by clamd
	 */
	public record Share(double others, double steal, double clientSeconds, double clamdSeconds) {

		@Override
		public String toString() {
			return String.format(java.util.Locale.ROOT, "other processes %4.1f%%, steal %4.1f%%", 100 * this.others,
					100 * this.steal);
		}

	}

}
