package dev.bucketwarden.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A part's work directory, emptied before its run: a run with the same seed writes the
 * same buckets and keys, so its servers must start from nothing.
 */
public final class WorkDirectory {

	private WorkDirectory() {
	}

	/** Deletes what an earlier run left in {@code dir}, then creates it. */
	public static Path fresh(Path dir) {
		try {
			if (Files.exists(dir)) {
				try (Stream<Path> paths = Files.walk(dir)) {
					for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
						Files.delete(path);
					}
				}
			}
			return Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot clear the work directory " + dir, ex);
		}
	}

}
