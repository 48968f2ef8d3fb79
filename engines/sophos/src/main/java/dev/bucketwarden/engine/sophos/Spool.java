package dev.bucketwarden.engine.sophos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.io.ContentSource;
import dev.bucketwarden.engine.spi.io.SpoolFiles;

/**
 * A private temp file for content of unknown length: SCANDATA announces the length before
 * the data, so such content is copied here first, up to the limit, and sent from here.
 * Memory stays bounded; the file is readable by its owner only and deleted on close.
 */
final class Spool implements AutoCloseable {

	private final Path file;

	private final long length;

	private Spool(Path file, long length) {
		this.file = file;
		this.length = length;
	}

	/**
	 * Copies the content, or returns {@code null} (and keeps nothing) when it is longer
	 * than {@code limit}.
	 */
	static Spool copy(InputStream content, long limit, Path directory, int chunkSize) {
		Path file = create(directory);
		try (OutputStream out = Files.newOutputStream(file)) {
			byte[] buffer = new byte[chunkSize];
			long total = 0;
			while (true) {
				int n = ContentSource.read(content, buffer, 0, buffer.length);
				if (n == 0) {
					return new Spool(file, total);
				}
				total += n;
				if (total > limit) {
					SpoolFiles.deleteQuietly(file);
					return null;
				}
				out.write(buffer, 0, n);
			}
		}
		catch (IOException ex) {
			SpoolFiles.deleteQuietly(file);
			throw new EngineException(ErrorKind.ENGINE_FAILURE,
					"Cannot spool content of unknown length to " + file + ": " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			SpoolFiles.deleteQuietly(file);
			throw ex;
		}
	}

	long length() {
		return this.length;
	}

	InputStream open() {
		try {
			return Files.newInputStream(this.file);
		}
		catch (IOException ex) {
			throw EngineException.contentRead("Cannot read the spooled content back: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		SpoolFiles.deleteQuietly(this.file);
	}

	private static Path create(Path directory) {
		Path dir = (directory != null) ? directory : Path.of(System.getProperty("java.io.tmpdir"));
		try {
			return SpoolFiles.create(dir, "bucketwarden-sophos-", ".spool");
		}
		catch (IOException ex) {
			throw new EngineException(ErrorKind.ENGINE_FAILURE,
					"Cannot create a spool file in " + dir + ": " + ex.getMessage(), ex);
		}
	}

}
