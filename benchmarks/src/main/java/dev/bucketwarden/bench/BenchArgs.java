package dev.bucketwarden.bench;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** What the benchmarks' option parsers share. */
final class BenchArgs {

	private BenchArgs() {
	}

	/** An integer option in {@code [min, max]}. */
	static int number(String option, String value, int min, int max) {
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
	static String heap(String option, String value) {
		if (!value.matches("\\d+[kKmMgG]")) {
			throw new IllegalArgumentException(option + " needs -Xmx notation such as 512m, not '" + value + "'");
		}
		return value;
	}

	/**
	 * The repository this jar was built in (benchmarks/target/benchmarks.jar), where the
	 * agents' jars are; the working directory when that cannot be told.
	 */
	static Path repositoryRoot() {
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
