package dev.bucketwarden.engine.clamav;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.junit.ClamdExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory must not grow with content size: 256 MiB through a two-engine chain in a 32 MiB
 * heap.
 */
@ExtendWith(ClamdExtension.class)
class BoundedMemoryIntegrationTests {

	private static final long SIZE = 256L << 20;

	@Test
	void shouldScanContentEightTimesLargerThanTheHeap(ClamdServer clamd) throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process child = new ProcessBuilder(List.of(java.toString(), "-Xmx32m", "-XX:+ExitOnOutOfMemoryError", "-cp",
				System.getProperty("java.class.path"), LargeStreamScan.class.getName(), Integer.toString(clamd.port()),
				Long.toString(SIZE)))
			.redirectErrorStream(true)
			.start();
		boolean finished = child.waitFor(5, TimeUnit.MINUTES);
		if (!finished) {
			child.destroyForcibly();
		}
		String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(finished).as("finished in time").isTrue();
		assertThat(child.exitValue()).as(output).isZero();
		// The marker is in the last bytes: both engines saw every byte, through the spool
		// too.
		assertThat(output).contains("verdict=Infected bytes=" + SIZE + " engines=[clamav, clamav-again]")
			.contains("maxHeapMiB=32");
	}

}
