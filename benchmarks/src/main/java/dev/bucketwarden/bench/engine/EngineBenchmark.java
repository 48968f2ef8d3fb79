package dev.bucketwarden.bench.engine;

import java.io.FileInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.bucketwarden.bench.chain.ChainBenchmark;
import dev.bucketwarden.bench.support.BareInstreamClient;
import dev.bucketwarden.bench.support.BenchArgs;
import dev.bucketwarden.bench.support.BenchDir;
import dev.bucketwarden.bench.support.ConcurrentRun;
import dev.bucketwarden.bench.support.CpuMonitor;
import dev.bucketwarden.bench.support.Machine;
import dev.bucketwarden.bench.support.SizeSet;
import dev.bucketwarden.bench.support.Statistics;
import dev.bucketwarden.bench.support.TestFiles;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.clamav.ClamavEngine;
import dev.bucketwarden.engine.clamav.ClamavSettings;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.local.clamd.ClamdOptions;
import dev.bucketwarden.local.clamd.ClamdServer;

/**
 * {@code bin/bench engine}: how much throughput our ClamAV engine, called through the
 * engine chain, keeps of what the simplest INSTREAM client gets from the same clamd.
 * <p>
 * Starts its own clamd (cache off, so every scan really scans), writes random files to a
 * temp dir, and for each file size and each number of concurrent streams runs a warm-up
 * and then interleaved rounds of the bare client (a) and the engine (b), e.g.
 * a,b,b,a,a,b. Reports the median of each mode and the ratio b/a. Every verdict must be
 * clean; any other outcome aborts the benchmark, as a run that measures errors means
 * nothing.
 */
public final class EngineBenchmark {

	static final double TARGET_RATIO = 0.95;

	private static final long MIB = 1 << 20;

	private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

	static final Duration QUIET_WAIT_PER_ROUND = Duration.ofSeconds(30);

	/**
	 * Time the whole benchmark may spend waiting for a quiet machine and repeating
	 * disturbed rounds, so that it ends in bounded time on a busy one.
	 */
	static final Duration DISTURBANCE_BUDGET = Duration.ofSeconds(150);

	/** Warm-up scans per mode and size, in whole passes over the files. */
	static final int WARMUP_MIN_SCANS = 5000;

	/** Warm-up passes stop adding up at this many bytes (at least one pass is made). */
	static final long WARMUP_MAX_BYTES = 512 * MIB;

	private final EngineOptions options;

	private final PrintStream out;

	private long disturbanceLeftNanos = DISTURBANCE_BUDGET.toNanos();

	private EngineBenchmark(EngineOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	public static int run(String[] args) {
		if (Arrays.asList(args).contains("--chains")) {
			return ChainBenchmark
				.run(Arrays.stream(args).filter((arg) -> !arg.equals("--chains")).toArray(String[]::new));
		}
		return BenchArgs.run("engine", args, EngineOptions::parse, EngineOptions::usage,
				(options) -> new EngineBenchmark(options, System.out).execute());
	}

	private int execute() {
		long started = System.nanoTime();
		try (BenchDir dir = BenchDir.create(this.options.dir(), "bw-bench-engine-", false, this.out)) {
			return measure(dir.root(), started);
		}
	}

	private int measure(Path root, long started) {
		this.out.println("Starting clamd (DisableCache yes, MaxThreads " + this.options.clamdThreads()
				+ ", StreamMaxLength/MaxFileSize 64M) ...");
		ClamdOptions clamdOptions = ClamdOptions.in(root.resolve("clamd"))
			.withDisableCache(true)
			.withMaxThreads(this.options.clamdThreads())
			.withStreamMaxLength("64M")
			.withMaxFileSize("64M");
		try (ClamdServer clamd = ClamdServer.start(this.options.signatures().applyTo(clamdOptions))) {
			ClamavSettings settings = ClamavSettings.DEFAULTS.withTcp(clamd.host(), clamd.port())
				.withStreamMaxLength(64 * MIB);
			ClamavEngine engine = new ClamavEngine("clamav", settings);
			EngineChain chain = EngineChain.builder().engine(engine).build();
			engine.probe();
			Environment environment = Environment.describe(clamd.version(), clamd.port(), settings.chunkSize());
			environment.print(this.out);
			this.options.signatures().print(this.out, clamd);
			this.options.print(this.out);

			CpuMonitor cpu = new CpuMonitor(ProcessHandle.current().pid(), clamd.pid());
			List<Point> points = new ArrayList<>();
			for (SizeSet set : this.options.sizeSets()) {
				if (set.count() == 0) {
					continue;
				}
				this.out.printf("%nWriting %d random files of %s ...%n", set.count(), set.label());
				long seed = this.options.seed() + set.size();
				List<Path> files = TestFiles.generate(root.resolve("files-" + set.size()), "f", set.count(), set.size(),
						seed);
				Mode bare = Mode.bare(clamd.port(), settings.chunkSize());
				Mode viaEngine = Mode.engine(chain, set.size());
				int maxStreams = this.options.streams().stream().mapToInt(Integer::intValue).max().orElse(1);
				if (this.options.warmup()) {
					int passes = warmupPasses(files.size(), set.size());
					for (Mode mode : List.of(bare, viaEngine)) {
						for (int pass = 1; pass <= passes; pass++) {
							Run warm = runOnce(files, set, maxStreams, mode, cpu);
							this.out.printf("  %-8s %d streams  warm-up %d/%d  %-6s %s%n", set.label(), maxStreams,
									pass, passes, mode.name(), warm);
							if (warm.result().failures() > 0) {
								return fail(mode, warm.result());
							}
						}
					}
				}
				for (int streams : this.options.streams()) {
					Point point = new Point(set, streams, new ArrayList<>());
					int repeatsLeft = this.options.rounds();
					while (point.rounds().size() < this.options.rounds()) {
						int number = point.rounds().size() + 1;
						boolean bareFirst = number % 2 == 1;
						awaitQuiet(cpu);
						Run[] pair = new Run[2];
						for (Mode mode : bareFirst ? List.of(bare, viaEngine) : List.of(viaEngine, bare)) {
							Run run = runOnce(files, set, streams, mode, cpu);
							this.out.printf("  %-8s %d streams  round %d  %-6s %s%n", set.label(), streams, number,
									mode.name(), run);
							if (run.result().failures() > 0) {
								return fail(mode, run.result());
							}
							pair[(mode == bare) ? 0 : 1] = run;
						}
						Round round = new Round(pair[0], pair[1]);
						double others = round.othersCpu();
						if (others > this.options.maxOthersCpu() && repeatsLeft > 0 && this.disturbanceLeftNanos > 0) {
							repeatsLeft--;
							this.disturbanceLeftNanos -= round.bare().result().nanos()
									+ round.engine().result().nanos();
							this.out.printf(Locale.ROOT,
									"  (other processes used %.0f%% of the machine during this round: repeating it)%n",
									100 * others);
							continue;
						}
						point.rounds().add(round);
					}
					this.out.printf(Locale.ROOT, "  -> %-8s %d streams  ratio %.3f (paired %.3f)%n", set.label(),
							streams, point.ratio(), point.pairedRatio());
					points.add(point);
				}
				TestFiles.deleteTree(files.getFirst().getParent());
			}
			this.out.println();
			environment.print(this.out);
			this.options.signatures().print(this.out, clamd);
			printTable(points);
			this.out.printf("%nTotal time %.0f s%n", (System.nanoTime() - started) / 1e9);
			return 0;
		}
	}

	/**
	 * Enough passes for the JIT to compile the per-scan paths of both clients: at least
	 * one, and more while they stay under {@link #WARMUP_MIN_SCANS} scans and
	 * {@link #WARMUP_MAX_BYTES} (2000 x 64 KiB: 3 passes; 100 x 8 MiB: 1).
	 */
	static int warmupPasses(int files, long fileSize) {
		long byScans = (WARMUP_MIN_SCANS + files - 1) / files;
		long byBytes = WARMUP_MAX_BYTES / Math.max(1, files * fileSize);
		return (int) Math.max(1, Math.min(byScans, byBytes));
	}

	/**
	 * Waits (up to 30 s) until other processes use at most {@code --max-others-cpu} of
	 * the machine, so a round starts on a quiet machine when there is one.
	 */
	private void awaitQuiet(CpuMonitor cpu) {
		if (this.options.maxOthersCpu() >= 1 || this.disturbanceLeftNanos <= 0) {
			return;
		}
		long start = System.nanoTime();
		boolean told = false;
		while (System.nanoTime() - start < QUIET_WAIT_PER_ROUND.toNanos()) {
			CpuMonitor.Sample before = cpu.sample();
			sleep(Duration.ofMillis(500));
			CpuMonitor.Share share = CpuMonitor.between(before, cpu.sample());
			if (share == null || share.others() <= this.options.maxOthersCpu()) {
				break;
			}
			if (!told) {
				this.out.printf(Locale.ROOT, "  (other processes use %.0f%% of the machine: waiting up to %d s)%n",
						100 * share.others(), QUIET_WAIT_PER_ROUND.toSeconds());
				told = true;
			}
		}
		this.disturbanceLeftNanos -= System.nanoTime() - start;
		if (this.disturbanceLeftNanos <= 0) {
			this.out.println("  (spent " + DISTURBANCE_BUDGET.toSeconds()
					+ " s waiting for a quiet machine and repeating rounds: measuring as it comes from now on)");
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private Run runOnce(List<Path> files, SizeSet set, int streams, Mode mode, CpuMonitor cpu) {
		CpuMonitor.Sample before = cpu.sample();
		ConcurrentRun.Result result = ConcurrentRun.run(files, set.size(), streams, mode.scanners(), RUN_TIMEOUT);
		return new Run(result, CpuMonitor.between(before, cpu.sample()));
	}

	private int fail(Mode mode, ConcurrentRun.Result result) {
		System.err.println();
		System.err.println("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
		System.err.printf("BENCHMARK ABORTED: %d of %d scans in mode '%s' did not end clean.%n", result.failures(),
				result.files(), mode.name());
		System.err.println("Random content must scan clean; a benchmark that measures errors is meaningless.");
		result.failureSamples().forEach((sample) -> System.err.println("  " + sample));
		System.err.println("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
		return 1;
	}

	private void printTable(List<Point> points) {
		this.out.printf("%nClamAV engine through the chain (engine) vs bare INSTREAM client (bare)%n");
		this.out.printf(
				"MiB/s = 2^20 bytes per second. Each figure is the median of %d rounds; ratio = engine / bare%n"
						+ "on those medians (paired = median of the per-round ratios); spread = (max - min) / median;%n"
						+ "others = most CPU used by other processes during a kept run. Target ratio >= %.2f.%n%n",
				this.options.rounds(), TARGET_RATIO);
		String header = String.format("| %-7s | %7s | %12s | %10s | %14s | %12s | %5s | %6s | %14s | %6s | %-20s |",
				"size", "streams", "bare files/s", "bare MiB/s", "engine files/s", "engine MiB/s", "ratio", "paired",
				"spread b / e", "others", "result");
		this.out.println(header);
		this.out.println(header.replaceAll("[^|]", "-"));
		for (Point point : points) {
			List<ConcurrentRun.Result> bare = point.bare();
			List<ConcurrentRun.Result> engine = point.engine();
			double ratio = point.ratio();
			this.out.printf(Locale.ROOT,
					"| %-7s | %7d | %12.1f | %10.1f | %14.1f | %12.1f | %5.3f | %6.3f | %5.1f%% / %4.1f%% | %5.1f%% | %-20s |%n",
					point.set().label(), point.streams(), Statistics.median(bare, ConcurrentRun.Result::filesPerSecond),
					Statistics.median(bare, ConcurrentRun.Result::mibPerSecond),
					Statistics.median(engine, ConcurrentRun.Result::filesPerSecond),
					Statistics.median(engine, ConcurrentRun.Result::mibPerSecond), ratio, point.pairedRatio(),
					100 * Statistics.spread(bare, ConcurrentRun.Result::filesPerSecond),
					100 * Statistics.spread(engine, ConcurrentRun.Result::filesPerSecond), 100 * point.maxOthersCpu(),
					((ratio >= TARGET_RATIO) ? "PASS" : "BELOW TARGET")
							+ ((point.maxOthersCpu() > this.options.maxOthersCpu()) ? " (noisy)" : ""));
		}
		this.out.printf("%nClient-side CPU per file (the benchmark JVM; medians), which other load disturbs less:%n");
		for (Point point : points) {
			double bareCpu = Statistics.median(point.rounds().stream().map((round) -> round.bare()).toList(),
					Run::clientCpuMillisPerFile);
			double engineCpu = Statistics.median(point.rounds().stream().map((round) -> round.engine()).toList(),
					Run::clientCpuMillisPerFile);
			this.out.printf(Locale.ROOT,
					"  %-8s %d streams  bare %7.3f ms  engine %7.3f ms  (engine - bare %+.3f ms)%n",
					point.set().label(), point.streams(), bareCpu, engineCpu, engineCpu - bareCpu);
		}
		this.out.printf("%nAll kept rounds, files/s in run order:%n");
		for (Point point : points) {
			this.out.printf("  %-8s %d streams  bare %s  engine %s%n", point.set().label(), point.streams(),
					rounds(point.bare()), rounds(point.engine()));
		}
	}

	private static String rounds(List<ConcurrentRun.Result> results) {
		return results.stream()
			.map((result) -> String.format(Locale.ROOT, "%.1f", result.filesPerSecond()))
			.toList()
			.toString();
	}

	private static String format(ConcurrentRun.Result result) {
		return String.format(Locale.ROOT, "%8.1f files/s %7.1f MiB/s  (%d files in %.2f s)%s", result.filesPerSecond(),
				result.mibPerSecond(), result.files(), result.seconds(),
				(result.failures() > 0) ? "  FAILURES: " + result.failures() : "");
	}

	/** One way of scanning: a name and a scanner per worker thread. */
	private record Mode(String name, ConcurrentRun.ScannerFactory scanners) {

		static Mode bare(int port, int chunkSize) {
			return new Mode("bare", () -> {
				BareInstreamClient client = new BareInstreamClient(port, chunkSize);
				return (file) -> {
					String reply = client.scan(file);
					return reply.equals("stream: OK") ? null : "clamd replied '" + reply + "'";
				};
			});
		}

		static Mode engine(EngineChain chain, long size) {
			return new Mode("engine", () -> (file) -> {
				try (InputStream content = new FileInputStream(file.toFile())) {
					ScanReport report = chain.scan(content,
							ScanContext.of(new ObjectRef.LocalFile(file.toString()), size));
					if (!(report.verdict() instanceof Verdict.Clean)) {
						return "verdict " + report.verdict();
					}
					if (report.bytesScanned() != size) {
						return "clean after " + report.bytesScanned() + " of " + size + " bytes";
					}
					return null;
				}
			});
		}

	}

	/** One measured run and what else the machine did meanwhile. */
	private record Run(ConcurrentRun.Result result, CpuMonitor.Share cpu) {

		double othersCpu() {
			return (this.cpu != null) ? this.cpu.others() : 0;
		}

		@Override
		public String toString() {
			if (this.cpu == null) {
				return format(this.result);
			}
			return format(this.result) + String.format(Locale.ROOT, "  cpu/file: client %.2f ms, clamd %.2f ms  [%s]",
					clientCpuMillisPerFile(), 1000 * this.cpu.clamdSeconds() / this.result.files(), this.cpu);
		}

		/** CPU time of the benchmark's JVM per file scanned: the client side's cost. */
		double clientCpuMillisPerFile() {
			return (this.cpu != null) ? 1000 * this.cpu.clientSeconds() / this.result.files() : Double.NaN;
		}

	}

	/** The bare and the engine run of one round, run back to back. */
	private record Round(Run bare, Run engine) {

		double othersCpu() {
			return Math.max(this.bare.othersCpu(), this.engine.othersCpu());
		}

	}

	/** One size and concurrency, with its kept rounds. */
	private record Point(SizeSet set, int streams, List<Round> rounds) {

		List<ConcurrentRun.Result> bare() {
			return this.rounds.stream().map((round) -> round.bare().result()).toList();
		}

		List<ConcurrentRun.Result> engine() {
			return this.rounds.stream().map((round) -> round.engine().result()).toList();
		}

		/** engine / bare, on the medians of each mode. */
		double ratio() {
			return Statistics.median(engine(), ConcurrentRun.Result::filesPerSecond)
					/ Statistics.median(bare(), ConcurrentRun.Result::filesPerSecond);
		}

		/**
		 * The median of the per-round ratios: less sensitive to load that changes between
		 * rounds, since the two runs of a round are back to back.
		 */
		double pairedRatio() {
			return Statistics.median(this.rounds,
					(round) -> round.engine().result().filesPerSecond() / round.bare().result().filesPerSecond());
		}

		double maxOthersCpu() {
			return this.rounds.stream().mapToDouble(Round::othersCpu).max().orElse(0);
		}

	}

	/** What the numbers were measured on. */
	private record Environment(String clamdVersion, int port, int chunkSize) {

		static Environment describe(String clamdVersion, int port, int chunkSize) {
			return new Environment(clamdVersion, port, chunkSize);
		}

		void print(PrintStream out) {
			Runtime runtime = Runtime.getRuntime();
			out.println("Machine : " + runtime.availableProcessors() + " cores (" + Machine.cpuModel() + "), "
					+ Machine.totalMemoryGib() + " GiB memory, " + System.getProperty("os.name") + " "
					+ System.getProperty("os.version") + " " + System.getProperty("os.arch"));
			out.println(
					"JVM     : " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
							+ ", max heap " + (runtime.maxMemory() >> 20) + " MiB");
			out.println("clamd   : " + this.clamdVersion + " on 127.0.0.1:" + this.port);
			out.println("Chunk   : " + formatChunk() + " per INSTREAM chunk (ClamavSettings.DEFAULTS), both clients");
		}

		private String formatChunk() {
			return SizeSet.formatSize(this.chunkSize);
		}

	}

}
