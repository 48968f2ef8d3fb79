package dev.bucketwarden.engine.chain;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A private temp file holding one content, so that the second and later engines of a
 * chain read the bytes the first engine read, without fetching them again or holding them
 * in memory. Its size is bounded by the metered stream that fills it; it is deleted on
 * close.
 */
final class ContentSpool implements AutoCloseable {

	private final Path file;

	private final OutputStream output;

	private ContentSpool(Path file, OutputStream output) {
		this.file = file;
		this.output = output;
	}

	static ContentSpool create(Path directory) {
		try {
			Files.createDirectories(directory);
			Path file = Files.createTempFile(directory, "bw-spool-", ".bin",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			return new ContentSpool(file, new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a spool file in " + directory, ex);
		}
	}

	OutputStream output() {
		return this.output;
	}

	/**
	 * Opens the complete content for one more engine; call after the first stream was
	 * drained.
	 */
	InputStream open() throws IOException {
		this.output.flush();
		return Files.newInputStream(this.file);
	}

	@Override
	public void close() {
		try {
			this.output.close();
		}
		catch (IOException ex) {
			// deleting the file below is what matters
		}
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete spool file " + this.file, ex);
		}
	}

}
