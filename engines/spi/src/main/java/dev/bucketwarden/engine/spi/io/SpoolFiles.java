package dev.bucketwarden.engine.spi.io;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Temp files for content spooled to disk (the chain's copy for its later engines, SAVDI's
 * content of unknown length, the premium engine's copy for yara): readable by their owner
 * only, since they hold other people's objects, and deleted quietly once used.
 */
public final class SpoolFiles {

	private SpoolFiles() {
	}

	/**
	 * Creates an empty temp file in {@code directory}, owner read and write only where
	 * the file system has POSIX permissions.
	 */
	public static Path create(Path directory, String prefix, String suffix) throws IOException {
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			FileAttribute<?> ownerOnly = PosixFilePermissions
				.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
			return Files.createTempFile(directory, prefix, suffix, ownerOnly);
		}
		return Files.createTempFile(directory, prefix, suffix);
	}

	/**
	 * Deletes the file if it is there; a temp file left behind is not worth a failure.
	 */
	public static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// a private temp file; nothing more can be done
		}
	}

}
