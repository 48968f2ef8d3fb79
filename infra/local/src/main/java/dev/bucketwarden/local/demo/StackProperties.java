package dev.bucketwarden.local.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The running stack's {@code stack.properties} (written by {@code LocalStack}): the
 * endpoints, buckets and queues the demo's user and app reach.
 */
final class StackProperties {

	private StackProperties() {
	}

	static Properties load(Path file) {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
		return properties;
	}

}
