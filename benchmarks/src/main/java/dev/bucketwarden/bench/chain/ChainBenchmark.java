package dev.bucketwarden.bench.chain;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.bucketwarden.bench.support.BenchArgs;
import dev.bucketwarden.bench.support.BenchDir;
import dev.bucketwarden.bench.support.ConcurrentRun;
import dev.bucketwarden.bench.support.CpuMonitor;
import dev.bucketwarden.bench.support.SignatureSet;
import dev.bucketwarden.bench.support.SizeSet;
import dev.bucketwarden.bench.support.Statistics;
import dev.bucketwarden.bench.support.TestFiles;
import dev.bucketwarden.engine.chain.ChainPolicy;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.ScanEngineRegistry;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.local.cicap.CIcapOptions;
import dev.bucketwarden.local.cicap.CIcapServer;
import dev.bucketwarden.local.clamd.ClamdOptions;
import dev.bucketwarden.local.clamd.ClamdServer;

/**
 * {@code bin/bench engine --chains}: what each engine and each chain costs on the same
 * files: ClamAV alone (the baseline), the premium engine alone, ClamAV + premium, and a
 * three-engine chain. Every mode is an {@link EngineChain} (RUN_ALL, so every engine
 * reads every file) over random files that must scan clean. Rounds rotate the order of
 * the modes; figures are medians.
 * <p>
 * The third engine is any registered engine ({@code --third ID}, settings with
 * {@code --set ID.KEY=VALUE}, e.g. an ICAP server); without one it is a second premium
 * engine with YARA rules and a SHA-256 blocklist, which spools every file and runs the
 * {@code yara} process per file, so the three-engine figure includes that cost.
 */
public final class ChainBenchmark {

	private static final long MIB = 1 << 20;

	private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

	private static final String YARA_RULES = """
			rule BucketWardenBenchNeverMatches
			{
			    strings:
			        $a = "BW-BENCH-NOT-IN-RANDOM-DATA-4e1c9a"
			    condition:
			        $a
			}
			""";

	private final Options options;

	private final PrintStream out;

	private ChainBenchmark(Options options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	public static int run(String[] args) {
		return BenchArgs.run("engine --chains", args, Options::parse, Options::usage, (options) -> {
			try (BenchDir dir = BenchDir.create(Path.of(System.getProperty("java.io.tmpdir")), "bw-bench-chains-",
					false, System.out)) {
				return new ChainBenchmark(options, System.out).measure(dir.root());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private int measure(Path root) throws IOException {
		long started = System.nanoTime();
		ClamdOptions clamdOptions = ClamdOptions.in(root.resolve("clamd"))
			.withDisableCache(true)
			.withMaxThreads(4)
			.withStreamMaxLength("64M")
			.withMaxFileSize("64M");
		this.out.println("Starting clamd (DisableCache yes, MaxThreads 4) ...");
		try (ClamdServer clamd = ClamdServer.start(this.options.signatures().applyTo(clamdOptions));
				// --third icap without a server of one's own: a local c-icap over this
				// clamd.
				CIcapServer cIcap = localIcap() ? CIcapServer.start(
						CIcapOptions.in(root.resolve("c-icap"), clamd.socket()).withThreads(8).withMaxObjectSize("64M"))
						: null) {
			Map<String, EngineChain> modes = modes(root, clamd, cIcap);
			this.out.printf("clamd %s; modes: %s; %d rounds, streams %s%n", clamd.version(), modes.keySet(),
					this.options.rounds(), this.options.streams());
			this.options.signatures().print(this.out, clamd);
			CpuMonitor cpu = new CpuMonitor(ProcessHandle.current().pid(), clamd.pid());
			List<String> table = new ArrayList<>();
			for (SizeSet set : List.of(new SizeSet(this.options.smallCount(), 64 * 1024),
					new SizeSet(this.options.largeCount(), 8 << 20))) {
				if (set.count() == 0) {
					continue;
				}
				this.out.printf("%nWriting %d random files of %s ...%n", set.count(), set.label());
				List<Path> files = TestFiles.generate(root.resolve("files-" + set.size()), "f", set.count(), set.size(),
						20261127L + set.size());
				for (Map.Entry<String, EngineChain> mode : modes.entrySet()) {
					Run warm = runOnce(files, set, 1, mode.getValue(), cpu);
					this.out.printf("  %-8s warm-up  %-24s %s%n", set.label(), mode.getKey(), warm);
					if (warm.result().failures() > 0) {
						return fail(mode.getKey(), warm.result());
					}
				}
				for (int streams : this.options.streams()) {
					Map<String, List<Run>> runs = new LinkedHashMap<>();
					modes.keySet().forEach((name) -> runs.put(name, new ArrayList<>()));
					List<String> names = new ArrayList<>(modes.keySet());
					for (int round = 0; round < this.options.rounds(); round++) {
						for (int i = 0; i < names.size(); i++) {
							String name = names.get((i + round) % names.size());
							Run run = runOnce(files, set, streams, modes.get(name), cpu);
							this.out.printf("  %-8s %d streams  round %d  %-24s %s%n", set.label(), streams, round + 1,
									name, run);
							if (run.result().failures() > 0) {
								return fail(name, run.result());
							}
							runs.get(name).add(run);
						}
					}
					table.addAll(rows(set, streams, runs));
				}
				TestFiles.deleteTree(files.getFirst().getParent());
			}
			printTable(table);
			this.out.printf("%nTotal time %.0f s%n", (System.nanoTime() - started) / 1e9);
			return 0;
		}
	}

	private boolean localIcap() {
		return "icap".equals(this.options.third())
				&& !this.options.settings().getOrDefault("icap", Map.of()).containsKey("port");
	}

	private Map<String, String> thirdSettings(CIcapServer cIcap) {
		if (cIcap != null) {
			return Map.of("host", cIcap.host(), "port", Integer.toString(cIcap.port()), "service", cIcap.service(),
					"max-size", "64MB");
		}
		return this.options.settings().getOrDefault(this.options.third(), Map.of());
	}

	private Map<String, EngineChain> modes(Path root, ClamdServer clamd, CIcapServer cIcap) throws IOException {
		ScanEngineRegistry registry = ScanEngineRegistry.load();
		Map<String, String> clamav = Map.of("host", clamd.host(), "port", Integer.toString(clamd.port()),
				"stream-max-length", "64MB");
		Map<String, EngineChain> modes = new LinkedHashMap<>();
		modes.put("clamav", chain(registry.create("clamav", EngineSettings.of(clamav))));
		modes.put("premium", chain(registry.create("premium", EngineSettings.empty())));
		modes.put("clamav+premium", chain(registry.create("clamav", EngineSettings.of(clamav)),
				registry.create("premium", EngineSettings.empty())));
		ScanEngine third;
		String thirdName;
		if (this.options.third() != null) {
			third = registry.create(this.options.third(), EngineSettings.of(thirdSettings(cIcap)));
			thirdName = this.options.third();
		}
		else {
			Path rules = root.resolve("bench.yar");
			Files.writeString(rules, YARA_RULES);
			Path blocklist = root.resolve("blocklist.txt");
			Files.writeString(blocklist, "0".repeat(64) + " Never\n" + "f".repeat(64) + " Never.Either\n");
			Map<String, String> yara = Map.of("yara-rules", rules.toString(), "blocklist", blocklist.toString(),
					"spool-directory", root.resolve("spool").toString());
			modes.put("premium/yara", chain(registry.create("premium", EngineSettings.of(yara))));
			third = registry.create("premium", EngineSettings.of(yara));
			thirdName = "premium/yara";
		}
		if (this.options.third() != null) {
			modes.put(thirdName, chain(registry.create(this.options.third(), EngineSettings.of(thirdSettings(cIcap)))));
		}
		modes.put("clamav+premium+" + thirdName, chain(registry.create("clamav", EngineSettings.of(clamav)),
				registry.create("premium", EngineSettings.empty()), third));
		return modes;
	}

	private static EngineChain chain(ScanEngine... engines) {
		EngineChain.Builder builder = EngineChain.builder().policy(ChainPolicy.RUN_ALL);
		for (ScanEngine engine : engines) {
			builder.engine(engine);
		}
		return builder.build();
	}

	private Run runOnce(List<Path> files, SizeSet set, int streams, EngineChain chain, CpuMonitor cpu) {
		CpuMonitor.Sample before = cpu.sample();
		ConcurrentRun.Result result = ConcurrentRun.run(files, set.size(), streams, () -> (file) -> {
			try (InputStream content = new FileInputStream(file.toFile())) {
				ScanReport report = chain.scan(content,
						ScanContext.of(new ObjectRef.LocalFile(file.toString()), set.size()));
				if (!(report.verdict() instanceof Verdict.Clean)) {
					return "verdict " + report.verdict();
				}
				return (report.bytesScanned() == set.size()) ? null : "clean after " + report.bytesScanned();
			}
		}, RUN_TIMEOUT);
		return new Run(result, CpuMonitor.between(before, cpu.sample()));
	}

	private List<String> rows(SizeSet set, int streams, Map<String, List<Run>> runs) {
		double baseline = Statistics.median(runs.get("clamav"), Run::mibPerSecond);
		double baselineCpu = Statistics.median(runs.get("clamav"), Run::cpuMillisPerFile);
		List<String> rows = new ArrayList<>();
		runs.forEach((name, list) -> {
			double mib = Statistics.median(list, Run::mibPerSecond);
			double cpuPerFile = Statistics.median(list, Run::cpuMillisPerFile);
			rows.add(String.format(Locale.ROOT, "| %-7s | %7d | %-28s | %9.1f | %8.1f | %11.2f | %+13.2f | %13.0f%% |",
					set.label(), streams, name, Statistics.median(list, Run::filesPerSecond), mib, cpuPerFile,
					cpuPerFile - baselineCpu, 100 * (baseline / mib - 1)));
		});
		return rows;
	}

	private void printTable(List<String> rows) {
		this.out.printf("%nEngines and chains on the same random files (RUN_ALL: every engine reads every file)%n");
		this.out.printf(
				"Medians of %d rounds. cpu/file = CPU of this JVM + clamd per file; time vs clamav = extra%n"
						+ "wall time per byte against ClamAV alone (0%% = as fast; 100%% = twice as long).%n%n",
				this.options.rounds());
		String header = String.format("| %-7s | %7s | %-28s | %9s | %8s | %11s | %13s | %14s |", "size", "streams",
				"mode", "files/s", "MiB/s", "cpu/file ms", "cpu vs clamav", "time vs clamav");
		this.out.println(header);
		this.out.println(header.replaceAll("[^|]", "-"));
		rows.forEach(this.out::println);
	}

	private int fail(String mode, ConcurrentRun.Result result) {
		System.err.printf("BENCHMARK ABORTED: %d of %d scans in mode '%s' did not end clean:%n", result.failures(),
				result.files(), mode);
		result.failureSamples().forEach((sample) -> System.err.println("  " + sample));
		return 1;
	}

	/** One timed run and the CPU it took. */
	private record Run(ConcurrentRun.Result result, CpuMonitor.Share cpu) {

		double filesPerSecond() {
			return this.result.filesPerSecond();
		}

		double mibPerSecond() {
			return this.result.mibPerSecond();
		}

		double cpuMillisPerFile() {
			return (this.cpu != null)
					? 1000 * (this.cpu.clientSeconds() + this.cpu.clamdSeconds()) / this.result.files() : Double.NaN;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%8.1f files/s %7.1f MiB/s  cpu/file %.2f ms%s", filesPerSecond(),
					mibPerSecond(), cpuMillisPerFile(),
					(this.result.failures() > 0) ? "  FAILURES: " + this.result.failures() : "");
		}

	}

	/** Options of {@code bin/bench engine --chains}. */
	record Options(int smallCount, int largeCount, List<Integer> streams, int rounds, String third,
			Map<String, Map<String, String>> settings, SignatureSet signatures) {

		static Options parse(String[] args) {
			int smallCount = 500;
			int largeCount = 20;
			List<Integer> streams = List.of(1, 2);
			int rounds = 3;
			String third = null;
			Map<String, Map<String, String>> settings = new LinkedHashMap<>();
			SignatureSet signatures = SignatureSet.defaults();
			List<BenchArgs.Option> parsed = BenchArgs.options(args);
			if (parsed == null) {
				return null;
			}
			for (BenchArgs.Option option : parsed) {
				String arg = option.name();
				String value = option.value();
				switch (arg) {
					case "--small-count" -> smallCount = Integer.parseInt(value);
					case "--large-count" -> largeCount = Integer.parseInt(value);
					case "--streams" -> streams = java.util.Arrays.stream(value.split(","))
						.map(String::strip)
						.map(Integer::valueOf)
						.toList();
					case "--rounds" -> rounds = Integer.parseInt(value);
					case "--third" -> third = value;
					case SignatureSet.OPTION, SignatureSet.SEED_OPTION -> signatures = signatures.with(arg, value);
					case "--set" -> {
						int dot = value.indexOf('.');
						int equals = value.indexOf('=');
						if (dot < 1 || equals < dot) {
							throw new IllegalArgumentException("--set needs ID.KEY=VALUE, not " + value);
						}
						settings.computeIfAbsent(value.substring(0, dot), (id) -> new LinkedHashMap<>())
							.put(value.substring(dot + 1, equals), value.substring(equals + 1));
					}
					default -> throw BenchArgs.unknown(arg);
				}
			}
			if (rounds < 1 || streams.stream().anyMatch((n) -> n < 1 || n > 4)) {
				throw new IllegalArgumentException("--rounds must be positive and --streams 1-4 (clamd has 4 threads)");
			}
			return new Options(smallCount, largeCount, streams, rounds, third, settings, signatures);
		}

		static void usage(PrintStream out) {
			out.println("Usage: bin/bench engine --chains [options]");
			out.println();
			out.println("Files/s, MiB/s and CPU per file of ClamAV alone, the premium engine alone, ClamAV + premium,");
			out.println("and a three-engine chain, on the same random 64 KiB and 8 MiB files.");
			out.println();
			out.println("  --small-count N     64 KiB files (default 500; 0 skips them)");
			out.println("  --large-count N     8 MiB files (default 20; 0 skips them)");
			out.println("  --streams LIST      concurrent streams (default 1,2)");
			out.println("  --rounds N          measured rounds per mode (default 3)");
			out.println(
					"  --third ID          the third engine of the chain, any registered engine (default: a premium");
			out.println("                      engine with YARA rules and a blocklist)");
			out.println("  --set ID.KEY=VALUE  a setting of the third engine, e.g. --set icap.port=1344");
			SignatureSet.usage(out, 22);
		}

	}

}
