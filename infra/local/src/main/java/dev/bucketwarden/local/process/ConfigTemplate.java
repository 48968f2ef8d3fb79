package dev.bucketwarden.local.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A native server's configuration file from a template on the class path, whose
 * placeholders are {@code ${name}}; one left without a value is an error, not a
 * configuration that silently says "${name}".
 */
public final class ConfigTemplate {

	private static final Pattern UNFILLED_PLACEHOLDER = Pattern.compile("\\$\\{\\w+\\}");

	private ConfigTemplate() {
	}

	/**
	 * Fills the template {@code resource} with {@code values} and writes it to
	 * {@code file}.
	 */
	public static Path write(String resource, Map<String, String> values, Path file) {
		String config;
		try (InputStream in = ConfigTemplate.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing resource " + resource);
			}
			config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource, ex);
		}
		for (Map.Entry<String, String> value : values.entrySet()) {
			config = config.replace("${" + value.getKey() + "}", value.getValue());
		}
		// Placeholders are ${name}; a comment that mentions "${...}" has none.
		Matcher unfilled = UNFILLED_PLACEHOLDER.matcher(config);
		if (unfilled.find()) {
			throw new IllegalStateException(resource + " has a placeholder without a value: " + unfilled.group());
		}
		try {
			Files.writeString(file, config);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
		return file;
	}

}
