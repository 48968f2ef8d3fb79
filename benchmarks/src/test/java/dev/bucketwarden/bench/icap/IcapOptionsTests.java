package dev.bucketwarden.bench.icap;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.bench.support.SignatureSet;

import static org.assertj.core.api.Assertions.assertThat;

class IcapOptionsTests {

	@Test
	void shouldGiveTheSharedClamdTheChosenSignatureSet() {
		assertThat(IcapBenchmark.Options.parse(new String[0]).signatures()).isEqualTo(SignatureSet.defaults());
		assertThat(IcapBenchmark.Options.parse(new String[] { "--signatures", "tiny" }).signatures().size())
			.isEqualTo(SignatureSet.Size.TINY);
	}

}
