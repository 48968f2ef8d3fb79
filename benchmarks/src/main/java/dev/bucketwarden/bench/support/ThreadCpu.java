package dev.bucketwarden.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of a JVM's threads, grouped by what they do, from {@code /proc/PID/task/*}:
 * how much of the event agent's CPU went to the pipeline's threads, to the JIT compilers,
 * to the garbage collector, and to the SQS client's event loop. Linux keeps the first 15
 * characters of each Java thread's name. Threads that end between two samples are not
 * counted.
 */
public final class ThreadCpu {

	/**
	 * The event agent's groups in report order: a thread belongs to the first whose
	 * prefix it has.
	 */
	public static final List<Group> GROUPS = List.of(new Group("pipeline", List.of("io.awspring.clo")),
			new Group("SQS client", List.of("aws-java-sdk-Ne", "sdk-async-respo", "sqs-")),
			new Group("JIT", List.of("C1 CompilerThre", "C2 CompilerThre")),
			new Group("GC", List.of("GC Thread", "G1 ", "VM Thread")), new Group("other", List.of("")));

	/**
	 * The API agent's groups: requests run on virtual threads, whose CPU is their carrier
	 * threads' ({@code ForkJoinPool-1-worker-N}); Tomcat's own threads accept and poll.
	 */
	public static final List<Group> API_GROUPS = List.of(new Group("requests", List.of("ForkJoinPool-", "http-nio-")),
			new Group("JIT", List.of("C1 CompilerThre", "C2 CompilerThre")),
			new Group("GC", List.of("GC Thread", "G1 ", "VM Thread")), new Group("other", List.of("")));

	private ThreadCpu() {
	}

	/**
	 * Clock ticks per group of {@link #GROUPS}, or an empty map when {@code /proc} cannot
	 * be read.
	 */
	public static Map<String, Long> sample(long pid) {
		return sample(pid, GROUPS);
	}

	/** Clock ticks per group, or an empty map when {@code /proc} cannot be read. */
	public static Map<String, Long> sample(long pid, List<Group> groups) {
		Map<String, Long> ticks = new LinkedHashMap<>();
		groups.forEach((group) -> ticks.put(group.name(), 0L));
		try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : tasks.toList()) {
				try {
					String stat = Files.readString(task.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
					long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					ticks.merge(groupOf(name, groups), used, Long::sum);
				}
				catch (IOException | RuntimeException ex) {
					// the thread ended meanwhile
				}
			}
			return ticks;
		}
		catch (IOException | RuntimeException ex) {
			return Map.of();
		}
	}

	/** Share of each group in the ticks used between two samples. */
	public static Map<String, Double> shares(Map<String, Long> before, Map<String, Long> after) {
		Map<String, Double> shares = new LinkedHashMap<>();
		long total = 0;
		for (Map.Entry<String, Long> entry : after.entrySet()) {
			total += Math.max(0, entry.getValue() - before.getOrDefault(entry.getKey(), 0L));
		}
		for (Map.Entry<String, Long> entry : after.entrySet()) {
			long used = Math.max(0, entry.getValue() - before.getOrDefault(entry.getKey(), 0L));
			shares.put(entry.getKey(), (total > 0) ? used / (double) total : 0);
		}
		return shares;
	}

	private static String groupOf(String threadName, List<Group> groups) {
		for (Group group : groups) {
			for (String prefix : group.prefixes()) {
				if (threadName.startsWith(prefix)) {
					return group.name();
				}
			}
		}
		return "other";
	}

	/**
	 * Threads whose names start with one of the prefixes.
	 *
	 * @param name the group's name in the report
	 * @param prefixes thread name prefixes
	 */
	public record Group(String name, List<String> prefixes) {
	}

}
