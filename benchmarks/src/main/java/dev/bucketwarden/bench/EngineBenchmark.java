package dev.bucketwarden.bench;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
final class EngineBenchmark {

	static final double TARGET_RATIO = 0.95;

	private static final long MIB = 1 << 20;

	private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

	private final Options options;

	private final PrintStream out;

	private EngineBenchmark(Options options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	static int run(String[] args) {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("bin/bench engine: " + ex.getMessage());
			System.err.println();
			Options.usage(System.err);
			return 2;
		}
		if (options == null) {
			Options.usage(System.out);
			return 0;
		}
		return new EngineBenchmark(options, System.out).execute();
	}

	private int execute() {
		long started = System.nanoTime();
		Path root;
		try {
			Files.createDirectories(this.options.dir());
			root = Files.createTempDirectory(this.options.dir(), "bw-bench-engine-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a temp dir in " + this.options.dir(), ex);
		}
		Thread cleanup = new Thread(() -> TestFiles.deleteTree(root), "bench-cleanup");
		Runtime.getRuntime().addShutdownHook(cleanup);
		try {
			return measure(root, started);
		}
		finally {
			if (!TestFiles.deleteTree(root)) {
				System.err.println("Could not delete all of " + root);
			}
			try {
				Runtime.getRuntime().removeShutdownHook(cleanup);
			}
			catch (IllegalStateException ex) {
				// shutting down: the hook runs anyway
			}
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
		try (ClamdServer clamd = ClamdServer.start(clamdOptions)) {
			ClamavSettings settings = ClamavSettings.DEFAULTS.withTcp(clamd.host(), clamd.port())
				.withStreamMaxLength(64 * MIB);
			ClamavEngine engine = new ClamavEngine("clamav", settings);
			EngineChain chain = EngineChain.builder().engine(engine).build();
			engine.probe();
			Environment environment = Environment.describe(clamd.version(), clamd.port(), settings.chunkSize());
			environment.print(this.out);
			this.options.print(this.out);

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
					for (Mode mode : List.of(bare, viaEngine)) {
						ConcurrentRun.Result warm = runOnce(files, set, maxStreams, mode);
						this.out.printf("  warm-up  %-6s %d streams: %s%n", mode.name(), maxStreams, format(warm));
						if (warm.failures() > 0) {
							return fail(mode, warm);
						}
					}
				}
				for (int streams : this.options.streams()) {
					Point point = new Point(set, streams, new ArrayList<>(), new ArrayList<>());
					for (int round = 0; round < this.options.rounds(); round++) {
						List<Mode> order = (round % 2 == 0) ? List.of(bare, viaEngine) : List.of(viaEngine, bare);
						for (Mode mode : order) {
							ConcurrentRun.Result result = runOnce(files, set, streams, mode);
							this.out.printf("  %-8s %d streams  round %d  %-6s %s%n", set.label(), streams, round + 1,
									mode.name(), format(result));
							if (result.failures() > 0) {
								return fail(mode, result);
							}
							((mode == bare) ? point.bare() : point.engine()).add(result);
						}
					}
					this.out.printf("  -> %-8s %d streams  ratio %.3f%n", set.label(), streams, point.ratio());
					points.add(point);
				}
				TestFiles.deleteTree(files.getFirst().getParent());
			}
			this.out.println();
			environment.print(this.out);
			printTable(points);
			this.out.printf("%nTotal time %.0f s%n", (System.nanoTime() - started) / 1e9);
			return 0;
		}
	}

	private ConcurrentRun.Result runOnce(List<Path> files, SizeSet set, int streams, Mode mode) {
		return ConcurrentRun.run(files, set.size(), streams, mode.scanners(), RUN_TIMEOUT);
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
				"MiB/s = 2^20 bytes per second; each figure is the median of %d rounds; "
						+ "spread = (max - min) / median over the rounds; target ratio >= %.2f%n%n",
				this.options.rounds(), TARGET_RATIO);
		String header = String.format("| %-7s | %7s | %12s | %10s | %14s | %12s | %5s | %14s | %-12s |", "size",
				"streams", "bare files/s", "bare MiB/s", "engine files/s", "engine MiB/s", "ratio", "spread b / e",
				"result");
		this.out.println(header);
		this.out.println(header.replaceAll("[^|]", "-"));
		for (Point point : points) {
			double ratio = point.ratio();
			this.out.printf(Locale.ROOT,
					"| %-7s | %7d | %12.1f | %10.1f | %14.1f | %12.1f | %5.3f | %5.1f%% / %4.1f%% | %-12s |%n",
					point.set().label(), point.streams(), median(point.bare(), ConcurrentRun.Result::filesPerSecond),
					median(point.bare(), ConcurrentRun.Result::mibPerSecond),
					median(point.engine(), ConcurrentRun.Result::filesPerSecond),
					median(point.engine(), ConcurrentRun.Result::mibPerSecond), ratio, 100 * spread(point.bare()),
					100 * spread(point.engine()), (ratio >= TARGET_RATIO) ? "PASS" : "BELOW TARGET");
		}
		this.out.printf("%nAll rounds, files/s in run order per mode:%n");
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

	static double median(List<ConcurrentRun.Result> results, ToDoubleFunction<ConcurrentRun.Result> metric) {
		double[] values = results.stream().mapToDouble(metric).sorted().toArray();
		int n = values.length;
		return (n % 2 == 1) ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
	}

	static double spread(List<ConcurrentRun.Result> results) {
		double[] values = results.stream().mapToDouble(ConcurrentRun.Result::filesPerSecond).toArray();
		double min = Arrays.stream(values).min().orElse(0);
		double max = Arrays.stream(values).max().orElse(0);
		double median = median(results, ConcurrentRun.Result::filesPerSecond);
		return (median > 0) ? (max - min) / median : 0;
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

	/** One size and concurrency, with the rounds of each mode. */
	private record Point(SizeSet set, int streams, List<ConcurrentRun.Result> bare, List<ConcurrentRun.Result> engine) {

		/** engine / bare, on the medians. */
		double ratio() {
			return median(this.engine, ConcurrentRun.Result::filesPerSecond)
					/ median(this.bare, ConcurrentRun.Result::filesPerSecond);
		}

	}

	/** {@code count} files of {@code size} bytes. */
	record SizeSet(int count, int size) {

		String label() {
			return Options.formatSize(this.size);
		}

	}

	/** What the numbers were measured on. */
	private record Environment(String clamdVersion, int port, int chunkSize) {

		static Environment describe(String clamdVersion, int port, int chunkSize) {
			return new Environment(clamdVersion, port, chunkSize);
		}

		void print(PrintStream out) {
			Runtime runtime = Runtime.getRuntime();
			out.println("Machine : " + runtime.availableProcessors() + " cores (" + cpuModel() + "), "
					+ totalMemoryGib() + " GiB memory, " + System.getProperty("os.name") + " "
					+ System.getProperty("os.version") + " " + System.getProperty("os.arch"));
			out.println(
					"JVM     : " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
							+ ", max heap " + (runtime.maxMemory() >> 20) + " MiB");
			out.println("clamd   : " + this.clamdVersion + " on 127.0.0.1:" + this.port + " (our signature DB)");
			out.println("Chunk   : " + formatChunk() + " per INSTREAM chunk (ClamavSettings.DEFAULTS), both clients");
		}

		private String formatChunk() {
			return Options.formatSize(this.chunkSize);
		}

		private static String cpuModel() {
			try {
				for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
					if (line.startsWith("model name")) {
						return line.substring(line.indexOf(':') + 1).strip();
					}
				}
			}
			catch (IOException | UncheckedIOException ex) {
				// not Linux: leave it out
			}
			return System.getProperty("os.arch");
		}

		private static String totalMemoryGib() {
			if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
				return String.format(Locale.ROOT, "%.0f", os.getTotalMemorySize() / (double) (1L << 30));
			}
			return "?";
		}

	}

	/** Command-line options of {@code bin/bench engine}. */
	record Options(int smallCount, int smallSize, int largeCount, int largeSize, List<Integer> streams, int rounds,
			int clamdThreads, boolean warmup, Path dir, long seed) {

		private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|K|KB|KIB|M|MB|MIB)");

		static Options defaults() {
			return new Options(2000, 64 * 1024, 100, 8 << 20, List.of(1, 2, 4), 3, 4, true,
					Path.of(System.getProperty("java.io.tmpdir")), 20261122L);
		}

		List<SizeSet> sizeSets() {
			return List.of(new SizeSet(this.smallCount, this.smallSize), new SizeSet(this.largeCount, this.largeSize));
		}

		/** The options, or {@code null} when help was asked for. */
		static Options parse(String[] args) {
			Options o = defaults();
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				if (arg.equals("-h") || arg.equals("--help")) {
					return null;
				}
				if (arg.equals("--no-warmup")) {
					o = o.with(o.smallCount, o.smallSize, o.largeCount, o.largeSize, o.streams, o.rounds,
							o.clamdThreads, false, o.dir, o.seed);
					continue;
				}
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException("Option " + arg + " needs a value");
				}
				String value = args[++i];
				o = switch (arg) {
					case "--small-count" -> o.with(count(arg, value), o.smallSize, o.largeCount, o.largeSize, o.streams,
							o.rounds, o.clamdThreads, o.warmup, o.dir, o.seed);
					case "--small-size" -> o.with(o.smallCount, size(arg, value), o.largeCount, o.largeSize, o.streams,
							o.rounds, o.clamdThreads, o.warmup, o.dir, o.seed);
					case "--large-count" -> o.with(o.smallCount, o.smallSize, count(arg, value), o.largeSize, o.streams,
							o.rounds, o.clamdThreads, o.warmup, o.dir, o.seed);
					case "--large-size" -> o.with(o.smallCount, o.smallSize, o.largeCount, size(arg, value), o.streams,
							o.rounds, o.clamdThreads, o.warmup, o.dir, o.seed);
					case "--streams" -> o.with(o.smallCount, o.smallSize, o.largeCount, o.largeSize,
							streamList(arg, value), o.rounds, o.clamdThreads, o.warmup, o.dir, o.seed);
					case "--rounds" -> o.with(o.smallCount, o.smallSize, o.largeCount, o.largeSize, o.streams,
							positive(arg, value, 20), o.clamdThreads, o.warmup, o.dir, o.seed);
					case "--clamd-threads" -> o.with(o.smallCount, o.smallSize, o.largeCount, o.largeSize, o.streams,
							o.rounds, positive(arg, value, 64), o.warmup, o.dir, o.seed);
					case "--dir" -> o.with(o.smallCount, o.smallSize, o.largeCount, o.largeSize, o.streams, o.rounds,
							o.clamdThreads, o.warmup, Path.of(value), o.seed);
					case "--seed" -> o.with(o.smallCount, o.smallSize, o.largeCount, o.largeSize, o.streams, o.rounds,
							o.clamdThreads, o.warmup, o.dir, Long.parseLong(value));
					default -> throw new IllegalArgumentException("Unknown option " + arg);
				};
			}
			int maxStreams = o.streams.stream().mapToInt(Integer::intValue).max().orElse(1);
			if (maxStreams > o.clamdThreads) {
				throw new IllegalArgumentException("--streams goes up to " + maxStreams + " but clamd has only "
						+ o.clamdThreads + " threads (--clamd-threads): the excess would measure queueing");
			}
			if (o.smallCount == 0 && o.largeCount == 0) {
				throw new IllegalArgumentException("Nothing to scan: both counts are 0");
			}
			return o;
		}

		private Options with(int smallCount, int smallSize, int largeCount, int largeSize, List<Integer> streams,
				int rounds, int clamdThreads, boolean warmup, Path dir, long seed) {
			return new Options(smallCount, smallSize, largeCount, largeSize, streams, rounds, clamdThreads, warmup, dir,
					seed);
		}

		static void usage(PrintStream out) {
			Options d = defaults();
			out.println("Usage: bin/bench engine [options]");
			out.println();
			out.println("Measures files/s and MiB/s of our ClamAV engine called through the engine chain against a");
			out.println("bare INSTREAM client, on a clamd of its own (cache off) over 127.0.0.1, for two file sizes");
			out.println("and several numbers of concurrent streams. Prints the median of each and their ratio.");
			out.println();
			out.println("  --small-count N     small files (default " + d.smallCount + "; 0 skips them)");
			out.println("  --small-size SIZE   size of a small file (default " + formatSize(d.smallSize) + ")");
			out.println("  --large-count N     large files (default " + d.largeCount + "; 0 skips them)");
			out.println("  --large-size SIZE   size of a large file (default " + formatSize(d.largeSize) + ")");
			out.println("  --streams LIST      concurrent streams, comma-separated (default 1,2,4)");
			out.println("  --rounds N          measured rounds per mode after the warm-up (default " + d.rounds + ")");
			out.println("  --no-warmup         skip the warm-up pass of each size");
			out.println("  --clamd-threads N   clamd's MaxThreads (default " + d.clamdThreads + ")");
			out.println("  --dir DIR           where the temp dir with files and clamd goes (default java.io.tmpdir)");
			out.println("  --seed N            seed of the random content (default " + d.seed + ")");
			out.println();
			out.println("Sizes: 64K, 8M, 65536 (K and M are binary). Quick run: --small-count 200 --large-count 10");
		}

		void print(PrintStream out) {
			out.printf("Plan    : %d x %s and %d x %s, streams %s, %s + %d rounds per mode (interleaved a,b,b,a,...)%n",
					this.smallCount, formatSize(this.smallSize), this.largeCount, formatSize(this.largeSize),
					this.streams, this.warmup ? "warm-up" : "no warm-up", this.rounds);
		}

		static String formatSize(long bytes) {
			if (bytes % MIB == 0) {
				return (bytes / MIB) + " MiB";
			}
			if (bytes % 1024 == 0) {
				return (bytes / 1024) + " KiB";
			}
			return bytes + " B";
		}

		private static int count(String option, String value) {
			int n = integer(option, value);
			if (n < 0 || n > 1_000_000) {
				throw new IllegalArgumentException(option + " must be 0-1000000");
			}
			return n;
		}

		private static int positive(String option, String value, int max) {
			int n = integer(option, value);
			if (n < 1 || n > max) {
				throw new IllegalArgumentException(option + " must be 1-" + max);
			}
			return n;
		}

		private static int integer(String option, String value) {
			try {
				return Integer.parseInt(value.strip());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(option + " needs a number, not '" + value + "'");
			}
		}

		private static int size(String option, String value) {
			Matcher matcher = SIZE.matcher(value.strip().toUpperCase(Locale.ROOT));
			if (!matcher.matches()) {
				throw new IllegalArgumentException(option + " needs a size such as 64K or 8M, not '" + value + "'");
			}
			long n = Long.parseLong(matcher.group(1));
			String unit = matcher.group(2);
			long bytes = unit.startsWith("K") ? n << 10 : unit.startsWith("M") ? n << 20 : n;
			if (bytes < 1 || bytes > (64 << 20)) {
				throw new IllegalArgumentException(option + " must be between 1 byte and 64 MiB (clamd's limit here)");
			}
			return (int) bytes;
		}

		private static List<Integer> streamList(String option, String value) {
			List<Integer> list = new ArrayList<>();
			for (String part : value.split(",")) {
				list.add(positive(option, part, 64));
			}
			return List.copyOf(list);
		}

	}

}
