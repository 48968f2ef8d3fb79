package dev.bucketwarden.local.clamd;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ClamdServerIntegrationTests {

	@TempDir
	Path workDir;

	@Test
	void shouldStartClamdWithOurDatabaseAndStopIt() {
		ClamdServer clamd = ClamdServer.start(ClamdOptions.in(this.workDir).withSignatureVersion(42));
		try {
			assertThat(clamd.command("PING")).isEqualTo("PONG");
			// The version we built the database with is what clamd reports: updates are
			// visible.
			assertThat(clamd.version()).matches("ClamAV [0-9.]+/42/.+");
			assertThat(clamd.socket()).exists();
		}
		finally {
			clamd.close();
		}
		assertThat(clamd.isRunning()).isFalse();
	}

}
