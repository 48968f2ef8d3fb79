package dev.bucketwarden.engine.spi.io;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SpoolFiles}: spool files are empty, in the given directory, readable by their
 * owner only, and deleting one twice is quiet.
 */
class SpoolFilesTests {

	@TempDir
	Path directory;

	@Test
	void shouldCreateAnEmptyFileInTheDirectory() throws IOException {
		Path file = SpoolFiles.create(this.directory, "bw-test-", ".bin");
		assertThat(file).isEmptyFile().hasParent(this.directory);
		assertThat(file.getFileName().toString()).startsWith("bw-test-").endsWith(".bin");
	}

	@Test
	void shouldLetOnlyTheOwnerReadAndWrite() throws IOException {
		Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
		Path file = SpoolFiles.create(this.directory, "bw-test-", ".bin");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	@Test
	void shouldDeleteQuietlyEvenWhenTheFileIsGone() throws IOException {
		Path file = SpoolFiles.create(this.directory, "bw-test-", ".bin");
		SpoolFiles.deleteQuietly(file);
		SpoolFiles.deleteQuietly(file);
		assertThat(file).doesNotExist();
	}

}
