package dev.bucketwarden.bench.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Random files on disk: random bytes match no signature, so every verdict is clean. */
public final class TestFiles {

	private TestFiles() {
	}

	/**
	 * Writes {@code count} files of {@code size} random bytes (seeded) into a new dir.
	 */
	public static List<Path> generate(Path dir, String prefix, int count, int size, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		byte[] content = new byte[size];
		List<Path> files = new ArrayList<>(count);
		try {
			Files.createDirectories(dir);
			for (int i = 0; i < count; i++) {
				random.nextBytes(content);
				Path file = dir.resolve(String.format("%s-%05d.bin", prefix, i));
				try (OutputStream out = Files.newOutputStream(file)) {
					out.write(content);
				}
				files.add(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write test files in " + dir, ex);
		}
		return List.copyOf(files);
	}

	/** Deletes a directory tree, best effort; returns false when something was left. */
	public static boolean deleteTree(Path dir) {
		if (!Files.exists(dir)) {
			return true;
		}
		boolean complete = true;
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException ex) {
					complete = false;
				}
			}
		}
		catch (IOException | UncheckedIOException ex) {
			complete = false;
		}
		return complete;
	}

}
