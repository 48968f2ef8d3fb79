package dev.bucketwarden.engine.spi;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class VerdictTests {

	@Test
	void shouldRequireAtLeastOneSignatureForInfected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Verdict.Infected(List.of()));
	}

	@Test
	void shouldMapEveryVerdictToItsResultLabel() {
		assertThat(new Verdict.Clean().result().label()).isEqualTo("Clean");
		assertThat(Verdict.Infected.of("Eicar").result().label()).isEqualTo("Infected");
		assertThat(new Verdict.Unscannable(UnscannableReason.ENCRYPTED, "zip").result().label())
			.isEqualTo("Unscannable");
		assertThat(Verdict.Error.from(EngineException.unavailable("down", null)).result().label()).isEqualTo("Error");
	}

	@Test
	void shouldKeepTheKindAndMessageOfTheEngineFailure() {
		Verdict.Error error = Verdict.Error.from(EngineException.timeout("clamd too slow", null));

		assertThat(error.kind()).isEqualTo(ErrorKind.TIMEOUT);
		assertThat(error.message()).isEqualTo("clamd too slow");
		assertThat(error.cause()).isInstanceOf(EngineException.class);
	}

}
