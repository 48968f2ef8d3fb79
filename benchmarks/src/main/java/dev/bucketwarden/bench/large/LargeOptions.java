package dev.bucketwarden.bench.large;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.bucketwarden.bench.support.BenchArgs;
import dev.bucketwarden.bench.support.SignatureSet;

/**
 * The options of {@code bin/bench large}.
 *
 * @param size the object's size in bytes
 * @param window the window (part) size in bytes
 * @param overlap the bytes neighbouring windows share
 * @param workers agents, and the bare client's concurrent streams
 * @param killAt share of the parts done when one agent is killed (0: none)
 * @param seed the content's seed
 * @param eicarAt where EICAR is written ({@code none}, {@code start}, {@code boundary},
 * {@code end} or a byte offset)
 * @param multipart write the object by multipart upload through S3Mock's API instead of
 * into its store directly
 * @param uploadPart the multipart upload's part size
 * @param agentJar the event agent's jar
 * @param agentHeap the agents' -Xmx
 * @param dir where the work directory is made
 * @param keepLogs keep the work directory (the object and S3Mock's files are deleted
 * anyway)
 * @param bare whether to run the bare client
 * @param job whether to run the job path
 * @param timeoutMinutes the longest the job may take
 * @param signatures clamd's database
 */
record LargeOptions(long size, long window, long overlap, int workers, double killAt, long seed, String eicarAt,
		boolean multipart, long uploadPart, Path agentJar, String agentHeap, Path dir, boolean keepLogs, boolean bare,
		boolean job, int timeoutMinutes, SignatureSet signatures) {

	static final long KIB = 1024;

	static final long MIB = KIB * 1024;

	static final long GIB = MIB * 1024;

	private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|K|KB|KIB|M|MB|MIB|G|GB|GIB|T|TB|TIB)",
			Pattern.CASE_INSENSITIVE);

	static LargeOptions defaults() {
		return new LargeOptions(20 * GIB, 256 * MIB, MIB, 2, 0.5, 20261206L, "none", false, 64 * MIB,
				BenchArgs.repositoryRoot().resolve("event-agent/target/event-agent.jar"), "256m",
				Path.of(System.getProperty("java.io.tmpdir")), false, true, true, 60, SignatureSet.defaults());
	}

	static LargeOptions parse(String[] args) {
		LargeOptions d = defaults();
		long size = d.size;
		long window = d.window;
		long overlap = d.overlap;
		int workers = d.workers;
		double killAt = d.killAt;
		long seed = d.seed;
		String eicarAt = d.eicarAt;
		boolean multipart = d.multipart;
		long uploadPart = d.uploadPart;
		Path agentJar = d.agentJar;
		String agentHeap = d.agentHeap;
		Path dir = d.dir;
		boolean keepLogs = d.keepLogs;
		boolean bare = d.bare;
		boolean job = d.job;
		int timeout = d.timeoutMinutes;
		SignatureSet signatures = d.signatures;
		List<BenchArgs.Option> parsed = BenchArgs.options(args, "--keep-logs", "--no-bare", "--no-job", "--multipart");
		if (parsed == null) {
			return null;
		}
		for (BenchArgs.Option option : parsed) {
			String arg = option.name();
			String value = option.value();
			switch (arg) {
				case "--size" -> size = bytes(arg, value);
				case "--window" -> window = bytes(arg, value);
				case "--overlap" -> overlap = bytes(arg, value);
				case "--workers" -> workers = BenchArgs.number(arg, value, 1, 16);
				case "--kill-at" -> killAt = share(arg, value);
				case "--seed" -> seed = Long.parseLong(value.strip());
				case "--eicar-at" -> eicarAt = value.strip().toLowerCase(Locale.ROOT);
				case "--multipart" -> multipart = true;
				case "--upload-part" -> uploadPart = bytes(arg, value);
				case "--agent-jar" -> agentJar = Path.of(value);
				case "--agent-heap" -> agentHeap = BenchArgs.heap(arg, value);
				case "--dir" -> dir = Path.of(value);
				case "--keep-logs" -> keepLogs = true;
				case "--no-bare" -> bare = false;
				case "--no-job" -> job = false;
				case "--timeout" -> timeout = BenchArgs.number(arg, value, 1, 24 * 60);
				case SignatureSet.OPTION, SignatureSet.SEED_OPTION -> signatures = signatures.with(arg, value);
				default -> throw BenchArgs.unknown(arg);
			}
		}
		if (overlap * 2 >= window) {
			throw new IllegalArgumentException("--overlap must be under half of --window");
		}
		if (size <= window) {
			throw new IllegalArgumentException("--size must be larger than --window, or the object is not large");
		}
		if (uploadPart < 5 * MIB || uploadPart > 5 * GIB || (size + uploadPart - 1) / uploadPart > 10_000) {
			throw new IllegalArgumentException("--upload-part must be 5 MiB to 5 GiB and make at most 10,000 parts");
		}
		LargeOptions options = new LargeOptions(size, window, overlap, workers, killAt, seed, eicarAt, multipart,
				uploadPart, agentJar, agentHeap, dir, keepLogs, bare, job, timeout, signatures);
		options.eicarOffset();
		return options;
	}

	/**
	 * Where EICAR starts, or -1: {@code start} is byte 0, {@code boundary} the middle of
	 * the first overlap (the end of window 0 and the start of window 1 both hold it),
	 * {@code end} the object's last bytes.
	 */
	long eicarOffset() {
		int length = SparseContent.EICAR.length;
		long at = switch (this.eicarAt) {
			case "none" -> -1;
			case "start" -> 0;
			case "boundary" -> this.window - this.overlap / 2 - length / 2;
			case "end" -> this.size - length;
			default -> bytes("--eicar-at", this.eicarAt);
		};
		if (at >= 0 && at + length > this.size) {
			throw new IllegalArgumentException("--eicar-at " + this.eicarAt + " does not fit in the object");
		}
		return at;
	}

	/**
	 * Parses {@code 20GiB}, {@code 256MB}, {@code 1048576}: every unit binary, as
	 * Spring's.
	 */
	static long bytes(String option, String value) {
		Matcher matcher = SIZE.matcher(value.strip());
		if (!matcher.matches()) {
			throw new IllegalArgumentException(option + " needs a size such as 2GiB or 256MiB, not '" + value + "'");
		}
		long n = Long.parseLong(matcher.group(1));
		String unit = matcher.group(2).toUpperCase(Locale.ROOT);
		long factor = switch (unit.isEmpty() ? ' ' : unit.charAt(0)) {
			case 'K' -> KIB;
			case 'M' -> MIB;
			case 'G' -> GIB;
			case 'T' -> GIB * 1024;
			default -> 1;
		};
		return Math.multiplyExact(n, factor);
	}

	private static double share(String option, String value) {
		double share;
		try {
			share = Double.parseDouble(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(option + " needs a share such as 0.5, not '" + value + "'");
		}
		if (!(share >= 0 && share < 1)) {
			throw new IllegalArgumentException(option + " must be at least 0 and under 1 (0: no kill)");
		}
		return share;
	}

	/** A size for people: {@code 20 GiB}, {@code 256 MiB}, {@code 1.5 KiB}. */
	static String format(long bytes) {
		if (bytes >= GIB && bytes % MIB == 0) {
			return (bytes % GIB == 0) ? (bytes / GIB) + " GiB"
					: String.format(Locale.ROOT, "%.2f GiB", bytes / (double) GIB);
		}
		if (bytes >= MIB) {
			return (bytes % MIB == 0) ? (bytes / MIB) + " MiB"
					: String.format(Locale.ROOT, "%.2f MiB", bytes / (double) MIB);
		}
		return (bytes % KIB == 0 && bytes > 0) ? (bytes / KIB) + " KiB" : bytes + " B";
	}

	static void usage(PrintStream out) {
		LargeOptions d = defaults();
		out.println("Usage: bin/bench large [options]");
		out.println();
		out.println("Writes one large object of sparse random content (1 MiB of seeded random bytes, then 1 MiB");
		out.println("of zeros, repeated) into S3Mock's store, the zeros as holes of a sparse file, and raises its");
		out.println("S3 event (ObjectCreated:Put) through the event relay. Then:");
		out.println("  bare  a bare clamd INSTREAM client scans the same bytes cut into the same windows, with one");
		out.println("        stream per worker: MiB/s of the object");
		out.println("  job   the object's S3 event goes to the scan queue of two event agents (JVMs of their own,");
		out.println("        -Xmx256m) that share the large-object queue; when --kill-at of the parts are done,");
		out.println("        one agent is killed (SIGKILL) and started again; until the final record: wall time,");
		out.println("        MiB/s, ratio to bare, parts scanned twice, heap and RSS per agent, verdict, coverage");
		out.println("The object and S3Mock's files are deleted at the end.");
		out.println();
		out.println("Options:");
		out.printf("  --size SIZE          the object (%s; 2GiB for a quick check)%n", format(d.size));
		out.printf("  --window SIZE        the part size, also the agents' setting (%s)%n", format(d.window));
		out.printf("  --overlap SIZE       bytes neighbouring windows share (%s)%n", format(d.overlap));
		out.printf("  --workers N          agents, and the bare client's streams (%d)%n", d.workers);
		out.printf("  --kill-at SHARE      kill one agent when this share of the parts is done; 0: none (%s)%n",
				d.killAt);
		out.printf("  --seed N             the content's seed (%d)%n", d.seed);
		out.println("  --eicar-at WHERE     none, start, boundary (inside the first overlap), end, or a byte offset");
		out.printf("                       (%s); the verdict must then be Infected%n", d.eicarAt);
		out.println(
				"  --multipart          write it by multipart upload through S3Mock's API instead (needs 3.2 times");
		out.println("                       the object free on disk while S3Mock completes it)");
		out.printf("  --upload-part SIZE   multipart upload part size (%s)%n", format(d.uploadPart));
		out.printf("  --agent-heap SIZE    the agents' -Xmx (%s)%n", d.agentHeap);
		out.printf("  --agent-jar PATH     the event agent's jar (%s)%n", d.agentJar);
		out.printf("  --timeout MINUTES    the longest the job may take (%d)%n", d.timeoutMinutes);
		out.println("  --no-bare, --no-job  skip one of the two");
		out.printf("  --dir DIR            where the work directory is made (%s)%n", d.dir);
		out.println("  --keep-logs          keep the work directory (servers' and agents' logs)");
		SignatureSet.usage(out, 23);
	}

}
