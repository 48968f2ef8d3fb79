package dev.bucketwarden.bench.support;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

import dev.bucketwarden.local.clamd.ClamdOptions;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.clamd.SyntheticSignatures;

/**
 * The signature database a benchmark's clamd loads ({@code --signatures},
 * {@code --signature-seed}), parsed here for every benchmark that starts a clamd. The
 * cost of a scan grows with the database, and our test database has a handful of
 * signatures where the official ones have millions, so {@code big} is the default: a
 * benchmark on {@code tiny} flatters clamd and so understates the share of the time spent
 * around it.
 *
 * @param size how many synthetic signatures beside our test ones
 * @param seed where the synthetic signatures start from
 */
public record SignatureSet(Size size, long seed) {

	public static final String OPTION = "--signatures";

	public static final String SEED_OPTION = "--signature-seed";

	/**
	 * Not a content seed of any benchmark, so no signature is made from its files' bytes.
	 */
	static final long DEFAULT_SEED = 1_800_000_018L;

	/** How many synthetic signatures: MD5 hash signatures and body signatures. */
	public enum Size {

		/** Our own test database alone (a handful of signatures). */
		TINY(0, 0, Duration.ofSeconds(90)),

		/** 200,000 hash and 20,000 body signatures: a realistic mid-size database. */
		BIG(200_000, 20_000, Duration.ofMinutes(5)),

		/**
		 * 3,000,000 hash and 200,000 body signatures: a pessimistic stand-in for the
		 * official ~8M-signature set (most of which are hash signatures).
		 */
		HUGE(3_000_000, 200_000, Duration.ofMinutes(15));

		private final int hashSignatures;

		private final int bodySignatures;

		/** How long clamd may take to load it, on a loaded machine. */
		private final Duration startTimeout;

		Size(int hashSignatures, int bodySignatures, Duration startTimeout) {
			this.hashSignatures = hashSignatures;
			this.bodySignatures = bodySignatures;
			this.startTimeout = startTimeout;
		}

		String label() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	public SignatureSet {
		if (size == null) {
			throw new IllegalArgumentException("A signature set needs a size");
		}
	}

	public static SignatureSet defaults() {
		return new SignatureSet(Size.BIG, DEFAULT_SEED);
	}

	/**
	 * This set with one of its options applied ({@link #OPTION} or {@link #SEED_OPTION}).
	 * @throws IllegalArgumentException for a bad value
	 */
	public SignatureSet with(String option, String value) {
		String text = value.strip();
		return switch (option) {
			case OPTION -> new SignatureSet(switch (text) {
				case "tiny" -> Size.TINY;
				case "big" -> Size.BIG;
				case "huge" -> Size.HUGE;
				default -> throw new IllegalArgumentException(OPTION + " is tiny, big or huge, not '" + value + "'");
			}, this.seed);
			case SEED_OPTION -> {
				try {
					yield new SignatureSet(this.size, Long.parseLong(text));
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException(SEED_OPTION + " needs a number, not '" + value + "'");
				}
			}
			default -> throw BenchArgs.unknown(option);
		};
	}

	/** The synthetic signatures clamd loads beside our own. */
	public SyntheticSignatures synthetic() {
		return (this.size == Size.TINY) ? SyntheticSignatures.NONE
				: new SyntheticSignatures(this.size.hashSignatures, this.size.bodySignatures, this.seed);
	}

	/** {@code clamd} with this database, and time to load it. */
	public ClamdOptions applyTo(ClamdOptions clamd) {
		Duration timeout = (clamd.startTimeout().compareTo(this.size.startTimeout) > 0) ? clamd.startTimeout()
				: this.size.startTimeout;
		return clamd.withSignatures(synthetic()).withStartTimeout(timeout);
	}

	/**
	 * The database line of a benchmark's header, from what the running clamd reported:
	 * which set, its load time, the signatures loaded and clamd's memory.
	 */
	public void print(PrintStream out, ClamdServer clamd) {
		out.println("Database: " + this + "; clamd: " + clamd.databaseLoad());
	}

	@Override
	public String toString() {
		if (this.size == Size.TINY) {
			return "tiny (our test signatures alone)";
		}
		return String.format(Locale.ROOT, "%s (%,d MD5 hash + %,d body signatures, seed %d, + our test signatures)",
				this.size.label(), this.size.hashSignatures, this.size.bodySignatures, this.seed);
	}

	/**
	 * The usage lines of the two options, their descriptions starting at {@code column}
	 * as the rest of the benchmark's usage does.
	 */
	public static void usage(PrintStream out, int column) {
		String pad = " ".repeat(column);
		out.println(
				option("  " + OPTION + " SET", column) + "clamd's database (default big): tiny = our test signatures;");
		out.println(pad + "big = ours + 200,000 MD5 hash and 20,000 body signatures; huge = ours");
		out.println(pad + "+ 3,000,000 and 200,000. Random, made at run time, matching no random content");
		out.println(option("  " + SEED_OPTION + " N", column) + "seed of the synthetic signatures (default "
				+ DEFAULT_SEED + ")");
	}

	private static String option(String text, int column) {
		return (text.length() < column) ? text + " ".repeat(column - text.length()) : text + " ";
	}

}
