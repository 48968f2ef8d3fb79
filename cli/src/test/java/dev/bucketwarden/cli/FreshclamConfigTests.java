package dev.bucketwarden.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreshclamConfigTests {

	/** The sidecar image's file, from the module directory Maven runs tests in. */
	private static final Path DOCKER_FILE = Path.of("..", "docker", "clamav", "freshclam.conf");

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void shouldBeWhatTheSidecarImageShips() throws IOException {
		assertThat(run("freshclam-config")).isZero();
		assertThat(output()).isEqualTo(Files.readString(DOCKER_FILE));
		assertThat(output()).contains("Checks 96\n", "NotifyClamd /etc/clamav/clamd.conf\n",
				"DatabaseMirror database.clamav.net\n");
	}

	@Test
	void shouldUseOnlyPrivateMirrorsWhenGiven() {
		assertThat(run("freshclam-config", "--private-mirror", "https://clamav-mirror.internal.example/",
				"--private-mirror", "http://10.0.0.5:8080", "--checks", "48", "--no-notify-clamd"))
			.isZero();
		assertThat(output())
			.contains("PrivateMirror https://clamav-mirror.internal.example/\n", "PrivateMirror http://10.0.0.5:8080\n",
					"Checks 48\n", "# Every 30 minutes")
			.doesNotContain("DatabaseMirror", "NotifyClamd");
	}

	@Test
	void shouldRefuseSchedulesAndMirrorsFreshclamWouldNotTake() {
		assertThat(run("freshclam-config", "--checks", "0")).isEqualTo(64);
		assertThat(run("freshclam-config", "--checks", "200")).isEqualTo(64);
		assertThat(run("freshclam-config", "--private-mirror", "ftp://mirror")).isEqualTo(64);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("between 1 and 96", "http(s)");
	}

	@Test
	void shouldWriteTheFileWhenAsked(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
		Path file = dir.resolve("freshclam.conf");
		assertThat(run("freshclam-config", "--output", file.toString())).isZero();
		assertThat(Files.readString(file)).startsWith("# freshclam of the ClamAV sidecar");
	}

	private int run(String... args) {
		return BucketWardenCli.run(List.of(args), new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String output() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

}
