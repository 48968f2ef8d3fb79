package dev.bucketwarden.local;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.local.support.Tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ToolsTests {

	@Test
	void shouldNameBinSetupAndThePackageWhenAProgramIsMissing() {
		assertThatIllegalStateException().isThrownBy(() -> Tools.require("bw-no-such-program", "clamav-daemon"))
			.withMessageContaining("bw-no-such-program is not installed")
			.withMessageContaining("bin/setup")
			.withMessageContaining("apt-get install clamav-daemon");
	}

	@Test
	void shouldFindProgramsOnThePath() {
		assertThat(Tools.find("sh")).isPresent();
	}

}
