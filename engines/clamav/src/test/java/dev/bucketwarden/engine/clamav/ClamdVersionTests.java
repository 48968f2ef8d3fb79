package dev.bucketwarden.engine.clamav;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.EngineInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClamdVersionTests {

	@Test
	void shouldParseProductDatabaseVersionAndDate() {
		EngineInfo info = ClamdVersion.parse("clamav", "ClamAV 1.4.6/27830/Sun Nov  2 09:41:02 2026");

		assertThat(info.product()).isEqualTo("ClamAV 1.4.6");
		assertThat(info.signatureVersion()).isEqualTo("27830");
		assertThat(info.signatureDate()).isEqualTo(Instant.parse("2026-11-02T09:41:02Z"));
		assertThat(info.describe()).isEqualTo("ClamAV 1.4.6/27830");
	}

	@Test
	void shouldAcceptAVersionWithoutDatabase() {
		EngineInfo info = ClamdVersion.parse("clamav", "ClamAV 1.4.6");

		assertThat(info.signatureVersion()).isNull();
		assertThat(info.signatureDate()).isNull();
	}

	@Test
	void shouldRejectAReplyThatIsNotClamd() {
		assertThatThrownBy(() -> ClamdVersion.parse("clamav", "SSSP/1.0")).isInstanceOf(EngineException.class);
	}

}
