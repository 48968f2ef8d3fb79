package dev.bucketwarden.engine.spi;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@link SettingsValidator}: each check lets the edge values through and names the
 * setting in its message when it refuses.
 */
class SettingsValidatorTests {

	@Test
	void shouldAcceptPortsOneTo65535() {
		assertThatNoException().isThrownBy(() -> {
			SettingsValidator.requirePort(1, "clamd");
			SettingsValidator.requirePort(65535, "clamd");
		});
		assertThatIllegalArgumentException().isThrownBy(() -> SettingsValidator.requirePort(0, "SAVDI"))
			.withMessage("SAVDI port must be 1-65535, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> SettingsValidator.requirePort(65536, "ICAP"))
			.withMessage("ICAP port must be 1-65535, was 65536");
	}

	@Test
	void shouldRefuseMissingZeroAndNegativeDurations() {
		assertThatNoException()
			.isThrownBy(() -> SettingsValidator.requirePositive(Duration.ofNanos(1), "read-timeout"));
		assertThatIllegalArgumentException().isThrownBy(() -> SettingsValidator.requirePositive(null, "read-timeout"))
			.withMessage("read-timeout must be positive");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SettingsValidator.requirePositive(Duration.ZERO, "read-timeout"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SettingsValidator.requirePositive(Duration.ofSeconds(-1), "read-timeout"));
	}

	@Test
	void shouldRefuseSizesBelowOne() {
		assertThatNoException().isThrownBy(() -> SettingsValidator.requirePositive(1, "max-size"));
		assertThatIllegalArgumentException().isThrownBy(() -> SettingsValidator.requirePositive(0, "max-size"))
			.withMessage("max-size must be positive");
	}

	@Test
	void shouldKeepChunksBetweenOneKilobyteAndEightMegabytes() {
		assertThatNoException().isThrownBy(() -> {
			SettingsValidator.requireChunkSize(1024);
			SettingsValidator.requireChunkSize(8 << 20);
		});
		assertThatIllegalArgumentException().isThrownBy(() -> SettingsValidator.requireChunkSize(1023))
			.withMessage("chunk-size must be between 1KB and 8MB");
		assertThatIllegalArgumentException().isThrownBy(() -> SettingsValidator.requireChunkSize((8 << 20) + 1));
	}

}
