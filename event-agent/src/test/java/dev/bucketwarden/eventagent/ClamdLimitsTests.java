package dev.bucketwarden.eventagent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clamd limits the images ship (docker/clamav/clamd.conf) never pass content as clean
 * that clamd did not read to its end. Found by the hostile-input corpus' ratio bomb:
 * clamd 1.4 cuts an archive member longer than MaxFileSize to that length without an
 * alert, so malware after a long deflated run of zeros scanned OK while MaxScanSize was
 * larger; a member longer than MaxScanSize is reported, so MaxFileSize must not be below
 * it.
 */
class ClamdLimitsTests {

	private static final Path CLAMD_CONF = Path.of("..", "docker", "clamav", "clamd.conf");

	@Test
	void shouldNeverLetClamdCutAnArchiveMemberWithoutAnAlert() throws IOException {
		Map<String, String> clamd = clamdConf();

		assertThat(bytes(clamd.get("MaxFileSize"))).as("MaxFileSize")
			.isGreaterThanOrEqualTo(bytes(clamd.get("MaxScanSize")));
		assertThat(clamd).containsEntry("AlertExceedsMax", "yes").containsEntry("AlertEncrypted", "yes");
	}

	private static Map<String, String> clamdConf() throws IOException {
		Map<String, String> settings = new LinkedHashMap<>();
		for (String line : Files.readAllLines(CLAMD_CONF)) {
			String trimmed = line.strip();
			if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
				String[] parts = trimmed.split("\\s+", 2);
				settings.put(parts[0], (parts.length > 1) ? parts[1] : "");
			}
		}
		return settings;
	}

	/** clamd's size notation: a number with an optional K or M suffix. */
	private static long bytes(String size) {
		char unit = Character.toUpperCase(size.charAt(size.length() - 1));
		return switch (unit) {
			case 'K' -> Long.parseLong(size.substring(0, size.length() - 1)) << 10;
			case 'M' -> Long.parseLong(size.substring(0, size.length() - 1)) << 20;
			default -> Long.parseLong(size);
		};
	}

}
