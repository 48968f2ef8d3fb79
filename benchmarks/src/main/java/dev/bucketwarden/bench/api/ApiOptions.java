package dev.bucketwarden.bench.api;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.bucketwarden.bench.support.BenchArgs;
import dev.bucketwarden.bench.support.SignatureSet;

/**
 * Command-line options of {@code bin/bench api}.
 *
 * @param sets how many requests of each size
 * @param clients concurrent clients, clamd's MaxThreads and the engine's max-concurrency
 * @param agentJar the API agent's executable jar
 * @param agentHeap the agent JVM's maximum heap
 * @param agentJvmOptions further options for the agent's JVM (a profiler, GC logging)
 * @param dir where the temp dir with files, servers and logs goes
 * @param seed seed of the random content
 * @param keepLogs keep the temp dir (logs of the agent and the servers) at the end
 * @param jdkClient drive the agent with {@code java.net.http.HttpClient} instead of
 * {@link PlainHttpClient}
 * @param settleJit go on warming the agent up until its JIT compilers have settled
 * (default); without it the agent is measured after the fixed warm-up alone, as an agent
 * that has just started
 * @param signatures clamd's signature database
 */
record ApiOptions(List<RequestSet> sets, int clients, Path agentJar, String agentHeap, List<String> agentJvmOptions,
		Path dir, long seed, boolean keepLogs, boolean jdkClient, boolean settleJit, SignatureSet signatures) {

	static final int SMALL = 100 << 10;

	static final int LARGE = 10 << 20;

	/** At most this many distinct files per size; requests cycle through them. */
	static final int MAX_SMALL_FILES = 500;

	static final int MAX_LARGE_FILES = 20;

	static ApiOptions defaults() {
		return new ApiOptions(List.of(new RequestSet(2000, 500, SMALL), new RequestSet(100, 16, LARGE)), 8,
				BenchArgs.repositoryRoot().resolve("api-agent/target/api-agent.jar"), "512m", List.of(),
				Path.of(System.getProperty("java.io.tmpdir")), 20261122L, false, false, true, SignatureSet.defaults());
	}

	/**
	 * {@code count} measured requests of {@code size} bytes after {@code warmup} ones.
	 */
	record RequestSet(int count, int warmup, int size) {

		String label() {
			return (this.size % (1 << 20) == 0) ? (this.size >> 20) + " MiB" : (this.size >> 10) + " KiB";
		}

		int files() {
			return Math.max(1, Math.min(this.count, (this.size < LARGE) ? MAX_SMALL_FILES : MAX_LARGE_FILES));
		}

		/** The target for this size: latency for small files, throughput else. */
		boolean latencyTarget() {
			return this.size < (1 << 20);
		}

	}

	/** The options, or {@code null} when help was asked for. */
	static ApiOptions parse(String[] args) {
		ApiOptions d = defaults();
		int small = d.sets.get(0).count();
		int smallWarmup = d.sets.get(0).warmup();
		int large = d.sets.get(1).count();
		int largeWarmup = d.sets.get(1).warmup();
		int clients = d.clients;
		Path agentJar = d.agentJar;
		String agentHeap = d.agentHeap;
		List<String> agentJvmOptions = new java.util.ArrayList<>();
		Path dir = d.dir;
		long seed = d.seed;
		boolean keepLogs = d.keepLogs;
		boolean jdkClient = d.jdkClient;
		boolean settleJit = d.settleJit;
		SignatureSet signatures = d.signatures;
		List<BenchArgs.Option> parsed = BenchArgs.options(args, "--keep-logs", "--no-jit-settle");
		if (parsed == null) {
			return null;
		}
		for (BenchArgs.Option option : parsed) {
			String arg = option.name();
			String value = option.value();
			switch (arg) {
				case "--keep-logs" -> keepLogs = true;
				case "--no-jit-settle" -> settleJit = false;
				case "--small-count" -> small = BenchArgs.number(arg, value, 0, 1_000_000);
				case "--small-warmup" -> smallWarmup = BenchArgs.number(arg, value, 0, 1_000_000);
				case "--large-count" -> large = BenchArgs.number(arg, value, 0, 10_000);
				case "--large-warmup" -> largeWarmup = BenchArgs.number(arg, value, 0, 10_000);
				case "--clients" -> clients = BenchArgs.number(arg, value, 1, 64);
				case "--agent-jar" -> agentJar = Path.of(value);
				case "--agent-heap" -> agentHeap = BenchArgs.heap(arg, value);
				case "--agent-jvm-option" -> agentJvmOptions.add(value);
				case "--dir" -> dir = Path.of(value);
				case "--seed" -> seed = Long.parseLong(value.strip());
				case SignatureSet.OPTION, SignatureSet.SEED_OPTION -> signatures = signatures.with(arg, value);
				case "--client" -> jdkClient = switch (value) {
					case "plain" -> false;
					case "jdk" -> true;
					default -> throw new IllegalArgumentException("--client is plain or jdk, not '" + value + "'");
				};
				default -> throw BenchArgs.unknown(arg);
			}
		}
		if (small + large == 0) {
			throw new IllegalArgumentException("Nothing to send: every count is 0");
		}
		if (!Files.isRegularFile(agentJar)) {
			throw new IllegalArgumentException("No API agent jar at " + agentJar
					+ " (bin/bench api builds it; or ./mvnw -B -q -DskipTests package -pl api-agent -am)");
		}
		return new ApiOptions(
				List.of(new RequestSet(small, smallWarmup, SMALL), new RequestSet(large, largeWarmup, LARGE)), clients,
				agentJar, agentHeap, List.copyOf(agentJvmOptions), dir, seed, keepLogs, jdkClient, settleJit,
				signatures);
	}

	static void usage(PrintStream out) {
		ApiOptions d = defaults();
		out.println("Usage: bin/bench api [options]");
		out.println();
		out.println("Starts clamd (cache off), DynamoDB Local and the OIDC server, and the API agent in its own");
		out.println("JVM on 127.0.0.1. For each size, N clients POST random files to /api/v1/scan (raw body, a");
		out.println("token with the scan scope), and N bare clamd INSTREAM streams scan the same files, before");
		out.println("and after the agent's run. Every answer must be 200 and Clean (else the run aborts). Prints");
		out.println("requests/s, MB/s, p50 and p99 latency of both, the p50 overhead and the throughput ratio.");
		out.println();
		out.println("  --small-count N      measured requests of 100 KiB (default " + d.sets.get(0).count()
				+ "; 0 skips them)");
		out.println(
				"  --small-warmup N     warm-up requests of 100 KiB per path (default " + d.sets.get(0).warmup() + ")");
		out.println("  --large-count N      measured requests of 10 MiB (default " + d.sets.get(1).count() + ")");
		out.println(
				"  --large-warmup N     warm-up requests of 10 MiB per path (default " + d.sets.get(1).warmup() + ")");
		out.println("  --no-jit-settle      measure right after the fixed warm-up, like an agent that has just");
		out.println("                       started; by default the agent is warmed on in batches until its JIT");
		out.println("                       compilers take at most 5% of its CPU (at most 3 minutes per size)");
		out.println("  --clients N          concurrent clients = bare streams = clamd's MaxThreads = the engine's");
		out.println("                       max-concurrency (default " + d.clients + ")");
		out.println("  --agent-jar PATH     the API agent's jar (default api-agent/target/api-agent.jar)");
		out.println("  --agent-heap SIZE    the agent JVM's -Xmx (default " + d.agentHeap + ")");
		out.println("  --agent-jvm-option O a further option for the agent's JVM, e.g. a JFR recording (repeatable)");
		out.println("  --dir DIR            where the temp dir (files, servers, logs) goes (default java.io.tmpdir)");
		out.println("  --seed N             seed of the random content (default " + d.seed + ")");
		out.println("  --client plain|jdk   the agent's clients: a plain-socket HTTP/1.1 keep-alive client, as lean");
		out.println("                       as the bare INSTREAM one (default), or java.net.http.HttpClient");
		SignatureSet.usage(out, 23);
		out.println("  --keep-logs          keep the temp dir with the agent's and the servers' logs");
		out.println();
		out.println("Quick run: --small-count 300 --small-warmup 200 --large-count 16 --large-warmup 8");
	}

}
