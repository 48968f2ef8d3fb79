package dev.bucketwarden.bench.support;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * The one option parser of the benchmarks: every benchmark's options are
 * {@code --name value} pairs and a few {@code --flag}s, split here ({@link #options}) and
 * checked with the value parsers below, so that help, a missing value and an unknown
 * option read the same in every benchmark.
 */
public final class BenchArgs {

	private BenchArgs() {
	}

	/** Parses a benchmark's options, as each options class does. */
	@FunctionalInterface
	public interface Parser<O> {

		/** The options, or null when the user asked for help. */
		O parse(String[] args);

	}

	/**
	 * Runs a benchmark: its options parsed (usage on {@code --help}, exit 0; the problem
	 * and usage on a bad option, exit 2), then the benchmark itself.
	 * @param command how bin/bench names it, for messages
	 */
	public static <O> int run(String command, String[] args, Parser<O> parser, Consumer<PrintStream> usage,
			ToIntFunction<O> benchmark) {
		O options;
		try {
			options = parser.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("bin/bench " + command + ": " + ex.getMessage());
			System.err.println();
			usage.accept(System.err);
			return 2;
		}
		if (options == null) {
			usage.accept(System.out);
			return 0;
		}
		return benchmark.applyAsInt(options);
	}

	/**
	 * One option of the command line: a name and its value, or a flag (its value is
	 * empty).
	 */
	public record Option(String name, String value) {
	}

	/**
	 * Splits a benchmark's arguments into options, in order.
	 * @param flags the options that take no value
	 * @return the options, or null when help was asked for ({@code -h}, {@code --help})
	 * @throws IllegalArgumentException when an option lacks its value
	 */
	public static List<Option> options(String[] args, String... flags) {
		Set<String> flagNames = Set.of(flags);
		List<Option> options = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("-h") || arg.equals("--help")) {
				return null;
			}
			if (flagNames.contains(arg)) {
				options.add(new Option(arg, ""));
				continue;
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("Option " + arg + " needs a value");
			}
			options.add(new Option(arg, args[++i]));
		}
		return options;
	}

	/** The failure for an option the benchmark does not know. */
	public static IllegalArgumentException unknown(String option) {
		return new IllegalArgumentException("Unknown option " + option);
	}

	/** An integer option in {@code [min, max]}. */
	public static int number(String option, String value, int min, int max) {
		int n;
		try {
			n = Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(option + " needs a number, not '" + value + "'");
		}
		if (n < min || n > max) {
			throw new IllegalArgumentException(option + " must be " + min + "-" + max);
		}
		return n;
	}

	/** A JVM heap size in -Xmx notation. */
	public static String heap(String option, String value) {
		if (!value.matches("\\d+[kKmMgG]")) {
			throw new IllegalArgumentException(option + " needs -Xmx notation such as 512m, not '" + value + "'");
		}
		return value;
	}

	/**
	 * The repository this jar was built in (benchmarks/target/benchmarks.jar), where the
	 * agents' jars are; the working directory when that cannot be told.
	 */
	public static Path repositoryRoot() {
		try {
			Path location = Path.of(BenchArgs.class.getProtectionDomain().getCodeSource().getLocation().toURI())
				.toAbsolutePath();
			Path root = location.getParent().getParent().getParent();
			return (root != null) ? root : Path.of("").toAbsolutePath();
		}
		catch (URISyntaxException | RuntimeException ex) {
			return Path.of("").toAbsolutePath();
		}
	}

}
