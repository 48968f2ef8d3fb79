package dev.bucketwarden.agent.remediation;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.agent.storage.ObjectInfo;

import static org.assertj.core.api.Assertions.assertThat;

class CopyVerificationTests {

	private static final ObjectInfo ORIGINAL = object("0123456789abcdef0123456789abcdef", 100);

	@Test
	void shouldAcceptACopyWithTheOriginalsSizeAndETag() {
		assertThat(CopyVerification.matches(ORIGINAL, object(ORIGINAL.eTag(), 100))).isTrue();
	}

	@Test
	void shouldRefuseACopyOfAnotherSize() {
		assertThat(CopyVerification.matches(ORIGINAL, object(ORIGINAL.eTag(), 99))).isFalse();
	}

	@Test
	void shouldRefuseASinglePartCopyWithAnotherETag() {
		assertThat(CopyVerification.matches(ORIGINAL, object("fedcba9876543210fedcba9876543210", 100))).isFalse();
	}

	@Test
	void shouldCompareOnlySizesWhenEitherSideWasStoredInParts() {
		assertThat(CopyVerification.matches(ORIGINAL, object("fedcba9876543210fedcba9876543210-2", 100))).isTrue();
		assertThat(CopyVerification.matches(object("0123456789abcdef0123456789abcdef-3", 100), ORIGINAL)).isTrue();
	}

	private static ObjectInfo object(String eTag, long size) {
		return new ObjectInfo("b", "k", "v1", eTag, size, null);
	}

}
