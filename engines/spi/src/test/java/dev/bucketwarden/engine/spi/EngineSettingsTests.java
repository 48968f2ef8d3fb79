package dev.bucketwarden.engine.spi;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EngineSettingsTests {

	@Test
	void shouldParseSpringStyleDataSizesAsBinaryUnits() {
		EngineSettings settings = EngineSettings
			.of(Map.of("a", "64KB", "b", "25MB", "c", "1GB", "d", "512", "e", "4MiB", "f", "2 TB"));

		assertThat(settings.dataSize("a", 0)).isEqualTo(64 * 1024);
		assertThat(settings.dataSize("b", 0)).isEqualTo(25L * 1024 * 1024);
		assertThat(settings.dataSize("c", 0)).isEqualTo(1L << 30);
		assertThat(settings.dataSize("d", 0)).isEqualTo(512);
		assertThat(settings.dataSize("e", 0)).isEqualTo(4L << 20);
		assertThat(settings.dataSize("f", 0)).isEqualTo(2L << 40);
		assertThat(settings.dataSize("missing", 7)).isEqualTo(7);
	}

	@Test
	void shouldParseSimpleAndIsoDurations() {
		EngineSettings settings = EngineSettings
			.of(Map.of("a", "30s", "b", "PT2M", "c", "250ms", "d", "1500", "e", "2h"));

		assertThat(settings.duration("a", null)).isEqualTo(Duration.ofSeconds(30));
		assertThat(settings.duration("b", null)).isEqualTo(Duration.ofMinutes(2));
		assertThat(settings.duration("c", null)).isEqualTo(Duration.ofMillis(250));
		assertThat(settings.duration("d", null)).isEqualTo(Duration.ofMillis(1500));
		assertThat(settings.duration("e", null)).isEqualTo(Duration.ofHours(2));
	}

	@Test
	void shouldNameTheSettingWhenAValueIsInvalid() {
		EngineSettings settings = EngineSettings.of(Map.of("read-timeout", "soon", "stream-max-length", "big"));

		assertThatIllegalArgumentException().isThrownBy(() -> settings.duration("read-timeout", Duration.ZERO))
			.withMessageContaining("'read-timeout'");
		assertThatIllegalArgumentException().isThrownBy(() -> settings.dataSize("stream-max-length", 0))
			.withMessageContaining("'stream-max-length'");
	}

	@Test
	void shouldTreatBlankValuesAsUnsetAndNeverPrintValues() {
		EngineSettings settings = EngineSettings.of(Map.of("host", "  ", "password", "hunter2"));

		assertThat(settings.string("host", "127.0.0.1")).isEqualTo("127.0.0.1");
		assertThat(settings.toString()).doesNotContain("hunter2");
	}

	@Test
	void shouldLetScopedKeysOverrideTheirUnscopedForm() {
		EngineSettings settings = EngineSettings.of(Map.of("max-entries", "10", "zip-bomb", "INFECTED",
				"buckets.uploads.max-entries", "5", "buckets.my.bucket.zip-bomb", "OFF"));

		EngineSettings uploads = settings.overriddenBy("buckets.uploads.");
		assertThat(uploads.integer("max-entries", 0)).isEqualTo(5);
		assertThat(uploads.string("zip-bomb", null)).isEqualTo("INFECTED");
		assertThat(settings.overriddenBy("buckets.my.bucket.").string("zip-bomb", null)).isEqualTo("OFF");
		assertThat(settings.overriddenBy("buckets.other.").integer("max-entries", 0)).isEqualTo(10);
		assertThat(settings.keys()).contains("buckets.uploads.max-entries", "max-entries");
	}

}
