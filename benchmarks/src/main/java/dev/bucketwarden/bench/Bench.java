package dev.bucketwarden.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.bucketwarden.bench.api.ApiBenchmark;
import dev.bucketwarden.bench.engine.EngineBenchmark;
import dev.bucketwarden.bench.event.EventBenchmark;
import dev.bucketwarden.bench.icap.IcapBenchmark;
import dev.bucketwarden.bench.large.LargeBenchmark;
import dev.bucketwarden.bench.retro.RetroBenchmark;

/**
 * Entry point of {@code bin/bench}: the first argument names the benchmark, the rest are
 * its options. Each benchmark is one class with a {@code run(String[])} that returns the
 * exit code.
 */
public final class Bench {

	/** Benchmark name to what it measures and how to run it. */
	private static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

	static {
		BENCHMARKS.put("engine",
				new Benchmark("our ClamAV engine through the chain vs a bare INSTREAM client; --chains: ClamAV, premium"
						+ " and chains of two and three engines on the same files", EngineBenchmark::run));
		BENCHMARKS.put("event", new Benchmark("the event agent from S3 event to tagged object vs bare clamd INSTREAM",
				EventBenchmark::run));
		BENCHMARKS.put("api", new Benchmark(
				"the API agent's POST /api/v1/scan: latency and throughput vs bare clamd INSTREAM", ApiBenchmark::run));
		BENCHMARKS.put("icap", new Benchmark("the ICAP engine through c-icap vs bare clamd INSTREAM on the same files",
				IcapBenchmark::run));
		BENCHMARKS.put("retro",
				new Benchmark(
						"the retro crawler: objects/s listed and enqueued vs a bare ListObjectsV2 loop; its peak heap",
						RetroBenchmark::run));
		BENCHMARKS.put("large", new Benchmark("a 20 GiB object as a large-object job: two event agents, one killed"
				+ " midway, vs bare clamd INSTREAM on the same windows", LargeBenchmark::run));
		BENCHMARKS.put("chaos", new Benchmark("bin/chaos: agents, clamd and AWS calls failing under load; invariants"
				+ " checked, exit 1 on a violation", ChaosCommand::run));
	}

	private Bench() {
	}

	public static void main(String[] args) {
		// Quiet by default: the benchmark prints what matters itself.
		if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
			System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		}
		if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
			usage(System.out);
			System.exit((args.length == 0) ? 2 : 0);
			return;
		}
		Benchmark benchmark = BENCHMARKS.get(args[0]);
		if (benchmark == null) {
			System.err.println("Unknown benchmark '" + args[0] + "'.");
			usage(System.err);
			System.exit(2);
			return;
		}
		System.exit(benchmark.main().run(Arrays.copyOfRange(args, 1, args.length)));
	}

	private static void usage(PrintStream out) {
		out.println("Usage: bin/bench <benchmark> [options]    (bin/bench <benchmark> --help for its options)");
		out.println();
		out.println("Benchmarks:");
		BENCHMARKS.forEach((name, benchmark) -> out.printf("  %-8s %s%n", name, benchmark.description()));
	}

	@FunctionalInterface
	interface Main {

		int run(String[] args);

	}

	private record Benchmark(String description, Main main) {
	}

}
