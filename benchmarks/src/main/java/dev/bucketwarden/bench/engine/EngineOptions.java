package dev.bucketwarden.bench.engine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.bucketwarden.bench.support.BenchArgs;
import dev.bucketwarden.bench.support.SignatureSet;
import dev.bucketwarden.bench.support.SizeSet;

/** Command-line options of {@code bin/bench engine}. */
record EngineOptions(int smallCount, int smallSize, int largeCount, int largeSize, List<Integer> streams, int rounds,
		int clamdThreads, boolean warmup, Path dir, long seed, double maxOthersCpu, SignatureSet signatures) {

	private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|K|KB|KIB|M|MB|MIB)");

	static EngineOptions defaults() {
		return new EngineOptions(2000, 64 * 1024, 100, 8 << 20, List.of(1, 2, 4), 3, 4, true,
				Path.of(System.getProperty("java.io.tmpdir")), 20261122L, 0.10, SignatureSet.defaults());
	}

	List<SizeSet> sizeSets() {
		return List.of(new SizeSet(this.smallCount, this.smallSize), new SizeSet(this.largeCount, this.largeSize));
	}

	/** The options, or {@code null} when help was asked for. */
	static EngineOptions parse(String[] args) {
		EngineOptions d = defaults();
		int smallCount = d.smallCount;
		int smallSize = d.smallSize;
		int largeCount = d.largeCount;
		int largeSize = d.largeSize;
		List<Integer> streams = d.streams;
		int rounds = d.rounds;
		int clamdThreads = d.clamdThreads;
		boolean warmup = d.warmup;
		Path dir = d.dir;
		long seed = d.seed;
		double maxOthersCpu = d.maxOthersCpu;
		SignatureSet signatures = d.signatures;
		List<BenchArgs.Option> parsed = BenchArgs.options(args, "--no-warmup");
		if (parsed == null) {
			return null;
		}
		for (BenchArgs.Option option : parsed) {
			String arg = option.name();
			String value = option.value();
			switch (arg) {
				case "--no-warmup" -> warmup = false;
				case "--small-count" -> smallCount = count(arg, value);
				case "--small-size" -> smallSize = size(arg, value);
				case "--large-count" -> largeCount = count(arg, value);
				case "--large-size" -> largeSize = size(arg, value);
				case "--streams" -> streams = streamList(arg, value);
				case "--rounds" -> rounds = positive(arg, value, 20);
				case "--clamd-threads" -> clamdThreads = positive(arg, value, 64);
				case "--dir" -> dir = Path.of(value);
				case "--seed" -> seed = Long.parseLong(value.strip());
				case "--max-others-cpu" -> maxOthersCpu = positive(arg, value, 100) / 100.0;
				case SignatureSet.OPTION, SignatureSet.SEED_OPTION -> signatures = signatures.with(arg, value);
				default -> throw BenchArgs.unknown(arg);
			}
		}
		int maxStreams = streams.stream().mapToInt(Integer::intValue).max().orElse(1);
		if (maxStreams > clamdThreads) {
			throw new IllegalArgumentException("--streams goes up to " + maxStreams + " but clamd has only "
					+ clamdThreads + " threads (--clamd-threads): the excess would measure queueing");
		}
		if (smallCount == 0 && largeCount == 0) {
			throw new IllegalArgumentException("Nothing to scan: both counts are 0");
		}
		return new EngineOptions(smallCount, smallSize, largeCount, largeSize, streams, rounds, clamdThreads, warmup,
				dir, seed, maxOthersCpu, signatures);
	}

	static void usage(PrintStream out) {
		EngineOptions d = defaults();
		out.println("Usage: bin/bench engine [options]");
		out.println();
		out.println("Measures files/s and MiB/s of our ClamAV engine called through the engine chain against a");
		out.println("bare INSTREAM client, on a clamd of its own (cache off) over 127.0.0.1, for two file sizes");
		out.println("and several numbers of concurrent streams. Prints the median of each and their ratio.");
		out.println();
		out.println("  --small-count N     small files (default " + d.smallCount + "; 0 skips them)");
		out.println("  --small-size SIZE   size of a small file (default " + SizeSet.formatSize(d.smallSize) + ")");
		out.println("  --large-count N     large files (default " + d.largeCount + "; 0 skips them)");
		out.println("  --large-size SIZE   size of a large file (default " + SizeSet.formatSize(d.largeSize) + ")");
		out.println("  --streams LIST      concurrent streams, comma-separated (default 1,2,4)");
		out.println("  --rounds N          measured rounds per mode after the warm-up (default " + d.rounds + ")");
		out.println("  --no-warmup         skip the warm-up of each size (per mode: whole passes, up to "
				+ EngineBenchmark.WARMUP_MIN_SCANS + " scans");
		out.println(
				"                      or " + (EngineBenchmark.WARMUP_MAX_BYTES / (1 << 20)) + " MiB, at least one)");
		out.println("  --clamd-threads N   clamd's MaxThreads (default " + d.clamdThreads + ")");
		out.println("  --dir DIR           where the temp dir with files and clamd goes (default java.io.tmpdir)");
		out.println("  --seed N            seed of the random content (default " + d.seed + ")");
		SignatureSet.usage(out, 22);
		out.println(
				"  --max-others-cpu P  wait before a round (up to " + EngineBenchmark.QUIET_WAIT_PER_ROUND.toSeconds()
						+ " s) while other processes use more than P% of the");
		out.println("                      machine's CPU, and repeat a round they disturbed anyway (at most --rounds");
		out.println("                      times per point; " + EngineBenchmark.DISTURBANCE_BUDGET.toSeconds()
				+ " s of waiting and repeating in all). Default " + Math.round(100 * d.maxOthersCpu)
				+ "; 100 turns this off");
		out.println();
		out.println("Sizes: 64K, 8M, 65536 (K and M are binary). Quick run: --small-count 200 --large-count 10");
		out.println();
		out.println("bin/bench engine --chains [options] measures engines and chains instead: ClamAV alone, the");
		out.println("premium engine, ClamAV + premium and a three-engine chain (bin/bench engine --chains --help).");
	}

	void print(PrintStream out) {
		out.printf("Plan    : %d x %s and %d x %s, streams %s, %s + %d rounds per mode (interleaved a,b,b,a,...)%n",
				this.smallCount, SizeSet.formatSize(this.smallSize), this.largeCount,
				SizeSet.formatSize(this.largeSize), this.streams, this.warmup ? "warm-up" : "no warm-up", this.rounds);
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
