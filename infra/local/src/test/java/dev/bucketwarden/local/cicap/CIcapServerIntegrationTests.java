package dev.bucketwarden.local.cicap;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bucketwarden.local.ListeningSockets;
import dev.bucketwarden.local.clamd.ClamdOptions;
import dev.bucketwarden.local.clamd.ClamdServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * c-icap over our clamd: it answers OPTIONS on loopback only and stops by PID, children
 * too.
 */
class CIcapServerIntegrationTests {

	@TempDir
	Path workDir;

	@Test
	void shouldServeTheAntivirusServiceOnLoopbackAndStopWithItsChildren() {
		try (ClamdServer clamd = ClamdServer.start(ClamdOptions.in(this.workDir.resolve("clamd")))) {
			List<ProcessHandle> processes;
			try (CIcapServer cIcap = CIcapServer
				.start(CIcapOptions.in(this.workDir.resolve("c-icap"), clamd.socket()))) {
				String options = cIcap.options(java.time.Duration.ofSeconds(5));
				assertThat(options).startsWith("ICAP/1.0 200").contains("Methods: RESPMOD").contains("Preview: 1024");
				assertThat(cIcap.uri()).isEqualTo("icap://127.0.0.1:" + cIcap.port() + "/avscan");
				// The main process binds the port; its child serves on the inherited
				// socket.
				assertThat(ListeningSockets.of(cIcap.pid())).isNotEmpty()
					.allSatisfy((address) -> assertThat(address.getAddress().getHostAddress()).isEqualTo("127.0.0.1"));
				ProcessHandle main = ProcessHandle.of(cIcap.pid()).orElseThrow();
				processes = java.util.stream.Stream.concat(java.util.stream.Stream.of(main), main.descendants())
					.toList();
				assertThat(processes).hasSizeGreaterThan(1);
			}
			assertThat(processes).noneMatch(ProcessHandle::isAlive);
		}
	}

}
