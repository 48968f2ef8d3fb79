package dev.bucketwarden.bench.icap;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.bucketwarden.bench.support.BareInstreamClient;
import dev.bucketwarden.bench.support.BenchArgs;
import dev.bucketwarden.bench.support.BenchDir;
import dev.bucketwarden.bench.support.ConcurrentRun;
import dev.bucketwarden.bench.support.ProcessCpu;
import dev.bucketwarden.bench.support.SignatureSet;
import dev.bucketwarden.bench.support.Statistics;
import dev.bucketwarden.bench.support.TestFiles;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.clamav.ClamavSettings;
import dev.bucketwarden.engine.icap.IcapEngine;
import dev.bucketwarden.engine.icap.IcapSettings;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.local.cicap.CIcapOptions;
import dev.bucketwarden.local.cicap.CIcapServer;
import dev.bucketwarden.local.clamd.ClamdOptions;
import dev.bucketwarden.local.clamd.ClamdServer;

/**
 * {@code bin/bench icap}: what scanning through ICAP costs against talking to clamd
 * directly, on the same files and the same clamd. The ICAP engine (through the chain)
 * sends each file to c-icap's virus_scan service, which spools it and hands it to clamd
 * (FILDES over clamd's unix socket); the bare client streams it to clamd with INSTREAM.
 * Per file size and number of streams: a warm-up pass of each, then interleaved rounds
 * (a,b / b,a / ...); medians, the ratio icap / bare, and CPU per file of this JVM, clamd
 * and c-icap. Every verdict must be clean, else the benchmark aborts.
 */
public final class IcapBenchmark {

	private static final long MIB = 1 << 20;

	private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

	private final Options options;

	private final PrintStream out;

	private IcapBenchmark(Options options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	public static int run(String[] args) {
		return BenchArgs.run("icap", args, Options::parse, Options::usage,
				(options) -> new IcapBenchmark(options, System.out).execute());
	}

	private int execute() {
		long started = System.nanoTime();
		try (BenchDir dir = BenchDir.create(this.options.dir(), "bw-bench-icap-", false, this.out)) {
			int code = measure(dir.root());
			this.out.printf(Locale.ROOT, "%nTotal time %.0f s%n", (System.nanoTime() - started) / 1e9);
			return code;
		}
	}

	private int measure(Path root) {
		this.out
			.println("Starting clamd (DisableCache yes, MaxThreads 4, StreamMaxLength/MaxFileSize 64M) and c-icap ...");
		ClamdOptions clamdOptions = ClamdOptions.in(root.resolve("clamd"))
			.withDisableCache(true)
			.withMaxThreads(4)
			.withStreamMaxLength("64M")
			.withMaxFileSize("64M");
		// c-icap hands the files to this clamd, so both modes scan against the same
		// database.
		try (ClamdServer clamd = ClamdServer.start(this.options.signatures().applyTo(clamdOptions));
				CIcapServer cIcap = CIcapServer.start(CIcapOptions.in(root.resolve("c-icap"), clamd.socket())
					.withThreads(8)
					.withMaxObjectSize("64M"))) {
			IcapEngine engine = new IcapEngine("icap",
					IcapSettings.DEFAULTS.withServer(cIcap.host(), cIcap.port(), cIcap.service())
						.withMaxSize(64 * MIB)
						.withPreview(this.options.preview()));
			EngineChain chain = EngineChain.builder().engine(engine).build();
			String service = engine.probe().describe();
			this.out.println("clamd   : " + clamd.version() + " on 127.0.0.1:" + clamd.port());
			this.options.signatures().print(this.out, clamd);
			this.out
				.println("c-icap  : " + service + " at " + cIcap.uri() + " (8 threads, mode=simple); engine preview "
						+ ((this.options.preview() < 0) ? "as the server says" : this.options.preview()));
			this.out.println("Machine : " + Runtime.getRuntime().availableProcessors() + " cores; JVM "
					+ System.getProperty("java.runtime.version"));
			this.out.printf("Plan    : %d x %s and %d x %s, streams %s, warm-up + %d rounds per mode%n",
					this.options.smallCount(), formatSize(this.options.smallSize()), this.options.largeCount(),
					formatSize(this.options.largeSize()), this.options.streams(), this.options.rounds());

			ProcessCpu cpu = new ProcessCpu();
			cpu.watch("client", ProcessHandle.current().pid());
			cpu.watch("clamd", clamd.pid());
			cpu.watch("c-icap", cIcap.pid());
			ProcessHandle.of(cIcap.pid())
				.ifPresent((main) -> main.descendants()
					.forEach((child) -> cpu.watch("c-icap child " + child.pid(), child.pid())));
			int chunk = ClamavSettings.DEFAULTS.chunkSize();
			List<Point> points = new ArrayList<>();
			for (int[] set : List.of(new int[] { this.options.smallCount(), this.options.smallSize() },
					new int[] { this.options.largeCount(), this.options.largeSize() })) {
				int count = set[0];
				int size = set[1];
				if (count == 0) {
					continue;
				}
				this.out.printf("%nWriting %d random files of %s ...%n", count, formatSize(size));
				List<Path> files = TestFiles.generate(root.resolve("files-" + size), "f", count, size,
						this.options.seed() + size);
				Mode bare = new Mode("bare", () -> {
					BareInstreamClient client = new BareInstreamClient(clamd.port(), chunk);
					return (file) -> {
						String reply = client.scan(file);
						return reply.equals("stream: OK") ? null : "clamd replied '" + reply + "'";
					};
				});
				Mode icap = new Mode("icap", () -> (file) -> scanThroughChain(chain, file, size));
				for (int streams : this.options.streams()) {
					Point point = new Point(formatSize(size), streams, new ArrayList<>(), new ArrayList<>());
					for (Mode mode : List.of(bare, icap)) {
						Measured warm = runOnce(files, size, streams, mode, cpu);
						this.out.printf("  %-8s %d streams  warm-up  %-5s %s%n", point.size(), streams, mode.name(),
								warm);
						if (warm.result().failures() > 0) {
							return fail(mode, warm.result());
						}
					}
					for (int round = 1; round <= this.options.rounds(); round++) {
						for (Mode mode : (round % 2 == 1) ? List.of(bare, icap) : List.of(icap, bare)) {
							Measured run = runOnce(files, size, streams, mode, cpu);
							this.out.printf("  %-8s %d streams  round %d  %-5s %s%n", point.size(), streams, round,
									mode.name(), run);
							if (run.result().failures() > 0) {
								return fail(mode, run.result());
							}
							((mode == bare) ? point.bare() : point.icap()).add(run);
						}
					}
					points.add(point);
				}
				TestFiles.deleteTree(files.getFirst().getParent());
			}
			printTable(points);
			return 0;
		}
	}

	private static String scanThroughChain(EngineChain chain, Path file, long size) throws IOException {
		try (InputStream content = new FileInputStream(file.toFile())) {
			ScanReport report = chain.scan(content, ScanContext.of(new ObjectRef.LocalFile(file.toString()), size));
			if (!(report.verdict() instanceof Verdict.Clean)) {
				return "verdict " + report.verdict();
			}
			return (report.bytesScanned() == size) ? null
					: "clean after " + report.bytesScanned() + " of " + size + " bytes";
		}
	}

	private Measured runOnce(List<Path> files, long size, int streams, Mode mode, ProcessCpu cpu) {
		ProcessCpu.Sample before = cpu.sample();
		ConcurrentRun.Result result = ConcurrentRun.run(files, size, streams, mode.scanners(), RUN_TIMEOUT);
		return new Measured(result, ProcessCpu.between(before, cpu.sample()));
	}

	private int fail(Mode mode, ConcurrentRun.Result result) {
		System.err.printf("%nBENCHMARK ABORTED: %d of %d scans in mode '%s' did not end clean.%n", result.failures(),
				result.files(), mode.name());
		result.failureSamples().forEach((sample) -> System.err.println("  " + sample));
		return 1;
	}

	private void printTable(List<Point> points) {
		this.out.printf("%nICAP engine through c-icap (icap) vs bare INSTREAM to the same clamd (bare)%n");
		this.out.printf("MiB/s = 2^20 bytes per second; medians of %d rounds; ratio = icap / bare;%n"
				+ "CPU = milliseconds of CPU per file (medians): this JVM, clamd, c-icap; others = most CPU share of%n"
				+ "other processes during a run.%n%n", this.options.rounds());
		String header = String.format("| %-7s | %7s | %10s | %10s | %5s | %-28s | %-28s | %6s |", "size", "streams",
				"bare MiB/s", "icap MiB/s", "ratio", "bare CPU ms (jvm/clamd)", "icap CPU ms (jvm/clamd/c-icap)",
				"others");
		this.out.println(header);
		this.out.println(header.replaceAll("[^|]", "-"));
		for (Point point : points) {
			double bare = Statistics.median(point.bare(), (m) -> m.result().mibPerSecond());
			double icap = Statistics.median(point.icap(), (m) -> m.result().mibPerSecond());
			this.out.printf(Locale.ROOT, "| %-7s | %7d | %10.1f | %10.1f | %5.2f | %-28s | %-28s | %5.1f%% |%n",
					point.size(), point.streams(), bare, icap, icap / bare,
					String.format(Locale.ROOT, "%.2f / %.2f",
							Statistics.median(point.bare(), (m) -> m.cpuMillis("client")),
							Statistics.median(point.bare(), (m) -> m.cpuMillis("clamd"))),
					String.format(Locale.ROOT, "%.2f / %.2f / %.2f",
							Statistics.median(point.icap(), (m) -> m.cpuMillis("client")),
							Statistics.median(point.icap(), (m) -> m.cpuMillis("clamd")),
							Statistics.median(point.icap(), (m) -> m.cpuMillis("c-icap"))),
					100 * Math.max(max(point.bare()), max(point.icap())));
		}
		this.out.printf("%nAll rounds, MiB/s in run order:%n");
		for (Point point : points) {
			this.out.printf("  %-8s %d streams  bare %s  icap %s%n", point.size(), point.streams(),
					rounds(point.bare()), rounds(point.icap()));
		}
	}

	private static String rounds(List<Measured> runs) {
		return runs.stream()
			.map((run) -> String.format(Locale.ROOT, "%.1f", run.result().mibPerSecond()))
			.toList()
			.toString();
	}

	private static double max(List<Measured> runs) {
		return runs.stream().mapToDouble(Measured::others).max().orElse(0);
	}

	static String formatSize(long bytes) {
		if (bytes % MIB == 0) {
			return (bytes / MIB) + " MiB";
		}
		return (bytes % 1024 == 0) ? (bytes / 1024) + " KiB" : bytes + " B";
	}

	private record Mode(String name, ConcurrentRun.ScannerFactory scanners) {
	}

	/** One run and where the CPU went meanwhile. */
	private record Measured(ConcurrentRun.Result result, ProcessCpu.Usage cpu) {

		/** CPU per file of a process; c-icap counts its main process and its children. */
		double cpuMillis(String name) {
			if (this.cpu == null) {
				return Double.NaN;
			}
			double seconds = this.cpu.seconds()
				.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equals(name) || entry.getKey().startsWith(name + " child "))
				.mapToDouble(java.util.Map.Entry::getValue)
				.sum();
			return 1000 * seconds / this.result.files();
		}

		double others() {
			return (this.cpu != null) ? this.cpu.others() : 0;
		}

		@Override
		public String toString() {
			ConcurrentRun.Result r = this.result;
			String text = String.format(Locale.ROOT, "%8.1f files/s %7.1f MiB/s (%d files in %.2f s)",
					r.filesPerSecond(), r.mibPerSecond(), r.files(), r.seconds());
			if (this.cpu != null) {
				text += String.format(Locale.ROOT, "  cpu/file ms: jvm %.2f clamd %.2f c-icap %.2f  others %.0f%%",
						cpuMillis("client"), cpuMillis("clamd"), cpuMillis("c-icap"), 100 * others());
			}
			return (r.failures() > 0) ? text + "  FAILURES: " + r.failures() : text;
		}

	}

	/** One size and number of streams, with its rounds. */
	private record Point(String size, int streams, List<Measured> bare, List<Measured> icap) {
	}

	/** Command-line options of {@code bin/bench icap}. */
	record Options(int smallCount, int smallSize, int largeCount, int largeSize, List<Integer> streams, int rounds,
			int preview, Path dir, long seed, SignatureSet signatures) {

		static Options defaults() {
			return new Options(1000, 64 * 1024, 40, 8 << 20, List.of(1, 4), 3, -1,
					Path.of(System.getProperty("java.io.tmpdir")), 20261127L, SignatureSet.defaults());
		}

		/** The options, or {@code null} when help was asked for. */
		static Options parse(String[] args) {
			Options d = defaults();
			int smallCount = d.smallCount();
			int smallSize = d.smallSize();
			int largeCount = d.largeCount();
			int largeSize = d.largeSize();
			List<Integer> streams = d.streams();
			int rounds = d.rounds();
			int preview = d.preview();
			SignatureSet signatures = d.signatures();
			Path dir = d.dir();
			long seed = d.seed();
			List<BenchArgs.Option> parsed = BenchArgs.options(args);
			if (parsed == null) {
				return null;
			}
			for (BenchArgs.Option option : parsed) {
				String arg = option.name();
				String value = option.value().strip();
				switch (arg) {
					case "--small-count" -> smallCount = BenchArgs.number(arg, value, 0, 1_000_000);
					case "--small-size" -> smallSize = size(arg, value);
					case "--large-count" -> largeCount = BenchArgs.number(arg, value, 0, 1_000_000);
					case "--large-size" -> largeSize = size(arg, value);
					case "--streams" -> {
						List<Integer> list = new ArrayList<>();
						for (String part : value.split(",")) {
							list.add(BenchArgs.number(arg, part.strip(), 1, 8));
						}
						streams = List.copyOf(list);
					}
					case "--rounds" -> rounds = BenchArgs.number(arg, value, 1, 20);
					case "--preview" -> preview = BenchArgs.number(arg, value, -1, 65536);
					case "--dir" -> dir = Path.of(value);
					case "--seed" -> seed = Long.parseLong(value);
					case SignatureSet.OPTION, SignatureSet.SEED_OPTION -> signatures = signatures.with(arg, value);
					default -> throw BenchArgs.unknown(arg);
				}
			}
			if (smallCount == 0 && largeCount == 0) {
				throw new IllegalArgumentException("Nothing to scan: both counts are 0");
			}
			return new Options(smallCount, smallSize, largeCount, largeSize, streams, rounds, preview, dir, seed,
					signatures);
		}

		static void usage(PrintStream out) {
			Options d = defaults();
			out.println("Usage: bin/bench icap [options]");
			out.println();
			out.println("Measures MiB/s of the ICAP engine through c-icap's virus_scan service against a bare");
			out.println("INSTREAM client, both on the same clamd (cache off) on 127.0.0.1. Needs c-icap and");
			out.println("libc-icap-mod-virus-scan (bin/setup installs them).");
			out.println();
			out.println("  --small-count N     small files (default " + d.smallCount() + "; 0 skips them)");
			out.println("  --small-size SIZE   size of a small file (default " + formatSize(d.smallSize()) + ")");
			out.println("  --large-count N     large files (default " + d.largeCount() + "; 0 skips them)");
			out.println("  --large-size SIZE   size of a large file (default " + formatSize(d.largeSize()) + ")");
			out.println("  --streams LIST      concurrent streams, comma-separated, at most 4 (default 1,4)");
			out.println(
					"  --rounds N          measured rounds per mode after a warm-up pass (default " + d.rounds() + ")");
			out.println("  --preview N         the engine's preview setting: -1 the server's (default), 0 none");
			out.println("  --dir DIR           where the temp dir with files, clamd and c-icap goes");
			out.println("  --seed N            seed of the random content (default " + d.seed() + ")");
			SignatureSet.usage(out, 22);
			out.println();
			out.println(
					"Sizes: 64K, 8M, 65536 (K and M are binary). Quick run: --small-count 200 --large-count 8 --rounds 1");
		}

		private static int size(String option, String value) {
			String text = value.toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
			long factor = text.endsWith("K") ? 1024 : text.endsWith("M") ? MIB : 1;
			String digits = (factor > 1) ? text.substring(0, text.length() - 1) : text;
			try {
				long bytes = Long.parseLong(digits.strip()) * factor;
				if (bytes < 1 || bytes > 64 * MIB) {
					throw new IllegalArgumentException(option + " must be between 1 byte and 64 MiB");
				}
				return (int) bytes;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(option + " needs a size such as 64K or 8M, not '" + value + "'");
			}
		}

	}

}
