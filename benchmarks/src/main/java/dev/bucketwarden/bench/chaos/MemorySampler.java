package dev.bucketwarden.bench.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;

import dev.bucketwarden.bench.support.AgentMetrics;

/**
 * Samples the memory of a chaos run's agents while it runs: the resident set from
 * {@code /proc/PID/status} and the heap in use from the JVM's memory MBean (attached to,
 * as the benchmarks read the agents' metrics). The processes come from a supplier, so
 * agents restarted after a kill are followed under their name. Each name's largest
 * samples are checked against its limits at the end.
 */
public final class MemorySampler implements AutoCloseable {

	private static final long MIB = 1024 * 1024;

	/**
	 * The JMX client's own logger: it warns on stderr each time a sampled agent is killed
	 * (which the chaos run does on purpose); kept here so the setting is not collected.
	 */
	private static final java.util.logging.Logger JMX_CLIENT = java.util.logging.Logger
		.getLogger("javax.management.remote.misc");

	static {
		JMX_CLIENT.setLevel(java.util.logging.Level.OFF);
	}

	private final Supplier<Map<String, Long>> pids;

	private final Duration interval;

	private final Map<String, Peak> peaks = new ConcurrentHashMap<>();

	private final Map<Long, JMXConnector> attached = new HashMap<>();

	private final Thread thread;

	private volatile boolean running = true;

	private MemorySampler(Supplier<Map<String, Long>> pids, Duration interval) {
		this.pids = pids;
		this.interval = interval;
		this.thread = Thread.ofPlatform().daemon().name("memory-sampler").start(this::loop);
	}

	/**
	 * Starts sampling.
	 * @param pids the processes to sample now, by name (read again at each sample)
	 * @param interval the time between samples
	 */
	public static MemorySampler start(Supplier<Map<String, Long>> pids, Duration interval) {
		return new MemorySampler(pids, interval);
	}

	private void loop() {
		while (this.running) {
			sample();
			try {
				Thread.sleep(this.interval);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/** Samples every process once. */
	void sample() {
		this.pids.get().forEach((name, pid) -> {
			long rss = residentBytes(pid);
			long heap = heapBytes(pid);
			this.peaks.merge(name, new Peak(rss, heap, 1),
					(a, b) -> new Peak(Math.max(a.rss(), b.rss()), Math.max(a.heap(), b.heap()), a.samples() + 1));
		});
	}

	private long heapBytes(long pid) {
		synchronized (this.attached) {
			try {
				JMXConnector connector = this.attached.get(pid);
				if (connector == null) {
					connector = AgentMetrics.attach(pid);
					this.attached.put(pid, connector);
				}
				Object usage = connector.getMBeanServerConnection()
					.getAttribute(new ObjectName("java.lang:type=Memory"), "HeapMemoryUsage");
				return ((Number) ((CompositeData) usage).get("used")).longValue();
			}
			catch (IOException | JMException | RuntimeException ex) {
				// Not up yet, or killed since: the next sample tries again.
				closeQuietly(this.attached.remove(pid));
				return 0;
			}
		}
	}

	/** VmRSS of {@code /proc/PID/status}, in bytes; 0 when the process is gone. */
	static long residentBytes(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// gone
		}
		return 0;
	}

	/** The largest samples per name. */
	public Map<String, Peak> peaks() {
		return new TreeMap<>(this.peaks);
	}

	/**
	 * One line per name, and a violation for each limit passed.
	 * @param heapLimit the agents' -Xmx
	 * @param rssLimit the most resident memory an agent may use
	 * @param lines where the lines go
	 * @return the violations
	 */
	public List<String> check(long heapLimit, long rssLimit, List<String> lines) {
		List<String> violations = new ArrayList<>();
		peaks().forEach((name, peak) -> {
			lines.add(String.format(Locale.ROOT,
					"%-18s heap at most %4d MiB of %d, RSS at most %4d MiB of %d (%d samples)", name, peak.heap() / MIB,
					heapLimit / MIB, peak.rss() / MIB, rssLimit / MIB, peak.samples()));
			if (peak.heap() > heapLimit) {
				violations
					.add(name + ": heap " + peak.heap() / MIB + " MiB over its limit " + heapLimit / MIB + " MiB");
			}
			if (peak.rss() > rssLimit) {
				violations.add(name + ": RSS " + peak.rss() / MIB + " MiB over the limit " + rssLimit / MIB + " MiB");
			}
			if (peak.heap() == 0) {
				violations.add(name + ": its heap could not be sampled");
			}
		});
		return violations;
	}

	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
		try {
			this.thread.join(Duration.ofSeconds(30));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		synchronized (this.attached) {
			this.attached.values().forEach(MemorySampler::closeQuietly);
			this.attached.clear();
		}
	}

	private static void closeQuietly(JMXConnector connector) {
		try {
			if (connector != null) {
				connector.close();
			}
		}
		catch (IOException ex) {
			// the JVM is gone
		}
	}

	/**
	 * A name's largest samples.
	 *
	 * @param rss resident set, bytes
	 * @param heap heap in use, bytes
	 * @param samples how many samples
	 */
	public record Peak(long rss, long heap, int samples) {
	}

}
