package dev.bucketwarden.bench.event;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.bucketwarden.bench.support.BenchArgs;
import dev.bucketwarden.bench.support.SignatureSet;

/**
 * Command-line options of {@code bin/bench event}.
 *
 * @param sets how many objects of each size
 * @param concurrency clamd's MaxThreads, the agent's concurrency and the bare client's
 * streams
 * @param agentJar the event agent's executable jar
 * @param agentHeap the agent JVM's maximum heap
 * @param agentJavaOptions further options for the agent's JVM (a profiler, for example)
 * @param uploadThreads concurrent puts while the backlog is written
 * @param dir where the temp dir with files, servers and logs goes
 * @param seed seed of the random content
 * @param maxOthersCpu wait before a measured run while other processes use more of the
 * machine than this share
 * @param drainTimeoutMinutes longest a drain may take
 * @param keepLogs keep the temp dir (logs of the agent and the servers) at the end
 * @param fresh measure a freshly started agent
 * @param warm measure a warmed-up agent
 * @param warmupMib how much of each size the warm agent scans at most before its drains
 * @param objectsPerBucket how many objects go into one bucket (S3Mock's cost per request
 * grows with the objects in the bucket)
 * @param signatures clamd's signature database
 * @param versioned put the objects into versioned buckets (events name the version, so
 * the agent needs no HEAD to know the key still holds it); by default unversioned, the
 * case of the requests-per-object target
 * @param aot whether the fresh agents also run with a JDK AOT cache, and from which
 * training
 * @param aotTrainingCount how many objects the workload training scans
 */
record EventOptions(List<ObjectSet> sets, int concurrency, Path agentJar, String agentHeap,
		List<String> agentJavaOptions, int uploadThreads, Path dir, long seed, double maxOthersCpu,
		int drainTimeoutMinutes, boolean keepLogs, boolean fresh, boolean warm, int warmupMib, int objectsPerBucket,
		SignatureSet signatures, boolean versioned, Aot aot, int aotTrainingCount) {

	static final int SMALL = 64 << 10;

	static final int MEDIUM = 1 << 20;

	static final int LARGE = 32 << 20;

	static EventOptions defaults() {
		return new EventOptions(
				List.of(new ObjectSet(2000, SMALL), new ObjectSet(100, MEDIUM), new ObjectSet(10, LARGE)), 4,
				BenchArgs.repositoryRoot().resolve("event-agent/target/event-agent.jar"), "512m", List.of(), 4,
				Path.of(System.getProperty("java.io.tmpdir")), 20261122L, 0.10, 20, false, true, true, 512, 250,
				SignatureSet.defaults(), false, Aot.OFF, 2000);
	}

	/** How the fresh agents run: {@link AotTraining}. */
	enum Aot {

		/** From the executable jar, without an AOT cache (as before {@code --aot}). */
		OFF,

		/**
		 * Extracted, twice: without a cache, and with one from a run that only started
		 * the Spring context.
		 */
		STARTUP,

		/**
		 * Extracted, twice: without a cache, and with one from a run that scanned
		 * objects.
		 */
		WORKLOAD

	}

	/** {@code count} objects of {@code size} bytes. */
	record ObjectSet(int count, int size) {

		String label() {
			return (this.size % MEDIUM == 0) ? (this.size / MEDIUM) + " MiB"
					: (this.size % 1024 == 0) ? (this.size / 1024) + " KiB" : this.size + " B";
		}

		long bytes() {
			return (long) this.count * this.size;
		}

		/** The target ratio of agent to bare clamd throughput, from the issue. */
		double target() {
			return (this.size < MEDIUM) ? 0.75 : 0.90;
		}

	}

	/** The options, or {@code null} when help was asked for. */
	static EventOptions parse(String[] args) {
		EventOptions d = defaults();
		int small = d.sets.get(0).count();
		int medium = d.sets.get(1).count();
		int large = d.sets.get(2).count();
		int concurrency = d.concurrency;
		Path agentJar = d.agentJar;
		String agentHeap = d.agentHeap;
		List<String> agentJavaOptions = d.agentJavaOptions;
		int uploadThreads = d.uploadThreads;
		Path dir = d.dir;
		long seed = d.seed;
		double maxOthersCpu = d.maxOthersCpu;
		int drainTimeout = d.drainTimeoutMinutes;
		boolean keepLogs = d.keepLogs;
		boolean fresh = d.fresh;
		boolean warm = d.warm;
		int warmupMib = d.warmupMib;
		int objectsPerBucket = d.objectsPerBucket;
		SignatureSet signatures = d.signatures;
		boolean versioned = d.versioned;
		List<BenchArgs.Option> parsed = BenchArgs.options(args, "--keep-logs", "--versioned");
		Aot aot = d.aot;
		int aotTrainingCount = d.aotTrainingCount;
		if (parsed == null) {
			return null;
		}
		for (BenchArgs.Option option : parsed) {
			String arg = option.name();
			String value = option.value();
			switch (arg) {
				case "--keep-logs" -> keepLogs = true;
				case "--versioned" -> versioned = true;
				case "--small-count" -> small = BenchArgs.number(arg, value, 0, 1_000_000);
				case "--medium-count" -> medium = BenchArgs.number(arg, value, 0, 100_000);
				case "--large-count" -> large = BenchArgs.number(arg, value, 0, 1_000);
				case "--concurrency" -> concurrency = BenchArgs.number(arg, value, 1, 64);
				case "--agent-jar" -> agentJar = Path.of(value);
				case "--agent-heap" -> agentHeap = BenchArgs.heap(arg, value);
				case "--agent-java-options" -> agentJavaOptions = List.of(value.strip().split("\\s+"));
				case "--upload-threads" -> uploadThreads = BenchArgs.number(arg, value, 1, 64);
				case "--dir" -> dir = Path.of(value);
				case "--seed" -> seed = Long.parseLong(value.strip());
				case "--max-others-cpu" -> maxOthersCpu = BenchArgs.number(arg, value, 1, 100) / 100.0;
				case "--drain-timeout" -> drainTimeout = BenchArgs.number(arg, value, 1, 600);
				case "--agent" -> {
					fresh = value.equals("fresh") || value.equals("both");
					warm = value.equals("warm") || value.equals("both");
					if (!fresh && !warm) {
						throw new IllegalArgumentException("--agent is fresh, warm or both, not '" + value + "'");
					}
				}
				case "--warmup-mib" -> warmupMib = BenchArgs.number(arg, value, 0, 10_000);
				case "--objects-per-bucket" -> objectsPerBucket = BenchArgs.number(arg, value, 1, 1_000_000);
				case SignatureSet.OPTION, SignatureSet.SEED_OPTION -> signatures = signatures.with(arg, value);
				case "--aot" -> aot = switch (value) {
					case "off" -> Aot.OFF;
					case "startup" -> Aot.STARTUP;
					case "workload" -> Aot.WORKLOAD;
					default ->
						throw new IllegalArgumentException("--aot is off, startup or workload, not '" + value + "'");
				};
				case "--aot-training-count" -> aotTrainingCount = BenchArgs.number(arg, value, 1, 100_000);
				default -> throw BenchArgs.unknown(arg);
			}
		}
		if (small + medium + large == 0) {
			throw new IllegalArgumentException("Nothing to scan: every count is 0");
		}
		if (!Files.isRegularFile(agentJar)) {
			throw new IllegalArgumentException("No event agent jar at " + agentJar
					+ " (bin/bench event builds it; or ./mvnw -B -q -DskipTests package -pl event-agent -am)");
		}
		return new EventOptions(
				List.of(new ObjectSet(small, SMALL), new ObjectSet(medium, MEDIUM), new ObjectSet(large, LARGE)),
				concurrency, agentJar, agentHeap, agentJavaOptions, uploadThreads, dir, seed, maxOthersCpu,
				drainTimeout, keepLogs, fresh, warm, warmupMib, objectsPerBucket, signatures, versioned, aot,
				aotTrainingCount);
	}

	static void usage(PrintStream out) {
		EventOptions d = defaults();
		out.println("Usage: bin/bench event [options]");
		out.println();
		out.println("Puts random objects into a protected bucket of the local stack through the S3 event relay,");
		out.println("so each put raises its event, while the event agent does not see them yet; then times how");
		out.println("long the agent (its own JVM) takes from the first event to the last object tagged. Two ways:");
		out.println("  fresh  the events wait on the scan queue, the agent starts; from its first receive");
		out.println("  warm   the agent runs and has scanned a warm-up set; the relay held the events back and");
		out.println("         releases them at once; from the first one sent; repeated with new objects (at most");
		out.println("         4 times) until the JIT takes at most 10% of the agent's CPU, the last one measured");
		out.println("Beside it, a bare clamd INSTREAM client scans the same bytes from local files with the same");
		out.println("concurrency. Prints objects/s and MiB/s of both and their ratio per size.");
		out.println();
		out.println("  --small-count N      objects of 64 KiB (default " + d.sets.get(0).count() + "; 0 skips them)");
		out.println("  --medium-count N     objects of 1 MiB (default " + d.sets.get(1).count() + ")");
		out.println("  --large-count N      objects of 32 MiB (default " + d.sets.get(2).count() + ")");
		out.println("  --concurrency N      clamd's MaxThreads = the agent's concurrency = bare streams (default "
				+ d.concurrency + ")");
		out.println("  --agent-jar PATH     the event agent's jar (default event-agent/target/event-agent.jar)");
		out.println("  --agent-heap SIZE    the agent JVM's -Xmx (default " + d.agentHeap + ")");
		out.println("  --agent-java-options OPTS  more options for the agent's JVM, space-separated, e.g. a profile:");
		out.println("                       -XX:StartFlightRecording=filename=/tmp/agent-%p.jfr,settings=profile");
		out.println(
				"  --upload-threads N   concurrent puts while writing the backlog (default " + d.uploadThreads + ")");
		out.println("  --dir DIR            where the temp dir (files, servers, logs) goes (default java.io.tmpdir)");
		out.println("  --seed N             seed of the random content (default " + d.seed + ")");
		out.println("  --max-others-cpu P   before each measured run, wait (up to "
				+ EventBenchmark.QUIET_WAIT.toSeconds() + " s) while other processes use more than P% of the");
		out.println("                       machine's CPU (default " + Math.round(100 * d.maxOthersCpu)
				+ "; 100 turns this off)");
		out.println("  --drain-timeout MIN  longest a drain may take (default " + d.drainTimeoutMinutes + ")");
		out.println("  --agent MODE         fresh, warm or both (default both)");
		out.println("  --warmup-mib N       the warm agent first scans batches of each size until its JIT takes at");
		out.println("                       most 10% of its CPU in a batch, or N MiB of the size (default "
				+ d.warmupMib + ")");
		out.println("  --objects-per-bucket N  objects per bucket (default " + d.objectsPerBucket
				+ "); S3Mock reads a bucket's whole key");
		out.println("                       index on every request, so its cost per request grows with the bucket");
		out.println("  --versioned          versioned buckets (default unversioned, where the agent also HEADs");
		out.println("                       the key before tagging, to see it still holds the scanned content)");
		SignatureSet.usage(out, 23);
		out.println("  --aot MODE           off, startup or workload (default off). Not off: each fresh agent runs");
		out.println("                       from the jar extracted to a class path (the images' layout), once");
		out.println("                       without and once with a JDK AOT cache (row 'aot') that a training run");
		out.println("                       of the same jar wrote: startup = Spring context started, then exit");
		out.println("                       (spring.context.exit=onRefresh); workload = the agent scans objects");
		out.println("  --aot-training-count N  objects of the first size the workload training scans (default "
				+ d.aotTrainingCount + ")");
		out.println("  --keep-logs          keep the temp dir with the agent's and the servers' logs");
		out.println();
		out.println("Quick run: --small-count 200 --medium-count 20 --large-count 3");
	}

}
