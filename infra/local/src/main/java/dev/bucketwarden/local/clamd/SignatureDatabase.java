package dev.bucketwarden.local.clamd;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.bucketwarden.local.support.Tools;

/**
 * Compiles our text signatures (resources {@code clamav/signatures}) into an unsigned
 * {@code daily.cud} with ClamAV's sigtool. Named {@code daily}, it makes clamd report a
 * database version and date in VERSION, as with the official databases, so version
 * reporting and signature updates are testable without internet.
 */
final class SignatureDatabase {

	private static final List<String> SOURCES = List.of("ndb", "hdb", "hsb");

	private SignatureDatabase() {
	}

	/**
	 * Builds the database into {@code databaseDir}.
	 * @param version the version to report, or 0 for the version shipped with the
	 * signatures
	 */
	static void build(Path databaseDir, int version) {
		Path sigtool = Tools.require("sigtool", "clamav");
		int effectiveVersion = (version > 0) ? version
				: Integer.parseInt(Resources.text("clamav/signatures/VERSION").strip());
		try {
			Path build = Files.createTempDirectory(databaseDir.getParent(), "db-build-");
			for (String extension : SOURCES) {
				Files.write(build.resolve("daily." + extension),
						Resources.bytes("clamav/signatures/bucketwarden." + extension));
			}
			Files.writeString(build.resolve("COPYING"), "BucketWarden test signatures, Apache License 2.0\n");
			run(sigtool, build, effectiveVersion);
			Files.move(build.resolve("daily.cud"), databaseDir.resolve("daily.cud"),
					StandardCopyOption.REPLACE_EXISTING);
			deleteTree(build);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot build the signature database in " + databaseDir, ex);
		}
	}

	private static void run(Path sigtool, Path build, int version) throws IOException {
		Process process = new ProcessBuilder(sigtool.toString(), "--unsigned", "--build=daily.cud",
				"--cvd-version=" + version, "--datadir=" + build)
			.directory(build.toFile())
			.redirectErrorStream(true)
			.redirectOutput(build.resolve("sigtool.out").toFile())
			.start();
		try (OutputStream stdin = process.getOutputStream()) {
			// sigtool asks for the builder's name.
			stdin.write("BucketWarden\n".getBytes(StandardCharsets.US_ASCII));
		}
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("sigtool did not finish within 60 seconds");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while building the signature database", ex);
		}
		if (process.exitValue() != 0 || !Files.exists(build.resolve("daily.cud"))) {
			throw new IllegalStateException("sigtool failed to build the signature database:\n"
					+ Files.readString(build.resolve("sigtool.out")));
		}
	}

	private static void deleteTree(Path dir) throws IOException {
		try (var paths = Files.walk(dir)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
