package dev.bucketwarden.bench.engine;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.bench.support.SignatureSet;
import dev.bucketwarden.local.clamd.SyntheticSignatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EngineOptionsTests {

	@Test
	void shouldScanAgainstTheBigSignatureSetByDefault() {
		EngineOptions options = EngineOptions.parse(new String[0]);
		assertThat(options.signatures()).isEqualTo(SignatureSet.defaults());
		assertThat(options.signatures().size()).isEqualTo(SignatureSet.Size.BIG);
	}

	@Test
	void shouldTakeTheSignatureOptionsAmongItsOwn() {
		EngineOptions options = EngineOptions
			.parse(new String[] { "--small-count", "10", "--signatures", "huge", "--signature-seed", "5" });
		assertThat(options.smallCount()).isEqualTo(10);
		assertThat(options.signatures().synthetic()).isEqualTo(new SyntheticSignatures(3_000_000, 200_000, 5));
	}

	@Test
	void shouldRefuseAnUnknownSignatureSet() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EngineOptions.parse(new String[] { "--signatures", "medium" }))
			.withMessageContaining("--signatures is tiny, big or huge");
	}

}
