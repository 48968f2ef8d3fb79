package dev.bucketwarden.engine.chain;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import dev.bucketwarden.engine.spi.io.SpoolFiles;

/**
 * One content, kept so that the second and later engines of a chain read the bytes the
 * first engine read, without fetching them again. Small content stays in memory (up to
 * {@code memoryLimit} bytes: creating, writing and deleting a file costs more than
 * scanning a small object); anything larger goes to a private temp file, deleted on
 * close. Its size is bounded by the metered stream that fills it.
 */
final class ContentSpool implements AutoCloseable {

	private final Path directory;

	private final int memoryLimit;

	private byte[] memory = new byte[8192];

	private int memorySize;

	private Path file;

	private OutputStream fileOutput;

	private final OutputStream output = new OutputStream() {

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			append(bytes, offset, length);
		}

	};

	private ContentSpool(Path directory, int memoryLimit) {
		this.directory = directory;
		this.memoryLimit = memoryLimit;
	}

	static ContentSpool create(Path directory, int memoryLimit) {
		return new ContentSpool(directory, memoryLimit);
	}

	OutputStream output() {
		return this.output;
	}

	/** Whether the content went to a file. */
	boolean onDisk() {
		return this.file != null;
	}

	private void append(byte[] bytes, int offset, int length) throws IOException {
		if (this.file == null && (long) this.memorySize + length <= this.memoryLimit) {
			if (this.memorySize + length > this.memory.length) {
				int capacity = (int) Math.min(this.memoryLimit,
						Math.max((long) this.memorySize + length, 2L * this.memory.length));
				this.memory = Arrays.copyOf(this.memory, capacity);
			}
			System.arraycopy(bytes, offset, this.memory, this.memorySize, length);
			this.memorySize += length;
			return;
		}
		if (this.file == null) {
			moveToFile();
		}
		this.fileOutput.write(bytes, offset, length);
	}

	private void moveToFile() throws IOException {
		Files.createDirectories(this.directory);
		this.file = SpoolFiles.create(this.directory, "bw-spool-", ".bin");
		this.fileOutput = new BufferedOutputStream(Files.newOutputStream(this.file), 64 * 1024);
		this.fileOutput.write(this.memory, 0, this.memorySize);
		this.memory = null;
	}

	/**
	 * Opens the complete content for one more engine; call after the first stream was
	 * drained.
	 */
	InputStream open() throws IOException {
		if (this.file == null) {
			return new ByteArrayInputStream(this.memory, 0, this.memorySize);
		}
		this.fileOutput.flush();
		return Files.newInputStream(this.file);
	}

	@Override
	public void close() {
		this.memory = null;
		if (this.file == null) {
			return;
		}
		try {
			this.fileOutput.close();
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
