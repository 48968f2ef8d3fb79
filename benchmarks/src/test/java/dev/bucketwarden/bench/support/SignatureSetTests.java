package dev.bucketwarden.bench.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.local.clamd.ClamdOptions;
import dev.bucketwarden.local.clamd.SyntheticSignatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SignatureSetTests {

	@Test
	void shouldDefaultToTheBigSet() {
		assertThat(SignatureSet.defaults().synthetic())
			.isEqualTo(new SyntheticSignatures(200_000, 20_000, SignatureSet.DEFAULT_SEED));
	}

	@Test
	void shouldParseEachSizeAndTheSeed() {
		SignatureSet set = SignatureSet.defaults();
		assertThat(set.with(SignatureSet.OPTION, "tiny").synthetic()).isEqualTo(SyntheticSignatures.NONE);
		assertThat(set.with(SignatureSet.OPTION, "huge").with(SignatureSet.SEED_OPTION, " 42 ").synthetic())
			.isEqualTo(new SyntheticSignatures(3_000_000, 200_000, 42));
		assertThat(set.with(SignatureSet.SEED_OPTION, "7").with(SignatureSet.OPTION, "big").synthetic())
			.isEqualTo(new SyntheticSignatures(200_000, 20_000, 7));
	}

	@Test
	void shouldRefuseWhatItDoesNotKnow() {
		SignatureSet set = SignatureSet.defaults();
		assertThatIllegalArgumentException().isThrownBy(() -> set.with(SignatureSet.OPTION, "official"))
			.withMessageContaining("tiny, big or huge");
		assertThatIllegalArgumentException().isThrownBy(() -> set.with(SignatureSet.SEED_OPTION, "x"))
			.withMessageContaining("needs a number");
	}

	@Test
	void shouldGiveClamdTheSetAndTimeToLoadIt() {
		ClamdOptions plain = ClamdOptions.in(Path.of("clamd"));
		ClamdOptions huge = SignatureSet.defaults().with(SignatureSet.OPTION, "huge").applyTo(plain);
		assertThat(huge.signatures().count()).isEqualTo(3_200_000);
		assertThat(huge.startTimeout()).isGreaterThan(plain.startTimeout());
		ClamdOptions tiny = SignatureSet.defaults().with(SignatureSet.OPTION, "tiny").applyTo(plain);
		assertThat(tiny.signatures()).isEqualTo(SyntheticSignatures.NONE);
		assertThat(tiny.startTimeout()).isEqualTo(plain.startTimeout());
		assertThat(SignatureSet.defaults().applyTo(plain.withStartTimeout(Duration.ofHours(1))).startTimeout())
			.isEqualTo(Duration.ofHours(1));
	}

	@Test
	void shouldListBothOptionsInTheUsage() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		SignatureSet.usage(new PrintStream(bytes, true, StandardCharsets.UTF_8), 22);
		String usage = bytes.toString(StandardCharsets.UTF_8);
		assertThat(usage).contains("  --signatures SET    clamd's database").contains("--signature-seed N");
	}

}
