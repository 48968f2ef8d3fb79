package dev.bucketwarden.agent.trust;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BucketPatternsTests {

	@Test
	void shouldMatchNamesAndStarPatternsOnly() {
		BucketPatterns patterns = BucketPatterns.of(List.of("acme-*", "reports", "*-logs"));

		assertThat(patterns.matches("acme-uploads")).isTrue();
		assertThat(patterns.matches("reports")).isTrue();
		assertThat(patterns.matches("web-logs")).isTrue();
		assertThat(patterns.matches("reports2")).isFalse();
		assertThat(patterns.matches("other")).isFalse();
		assertThat(patterns.matches("acme")).isFalse();
	}

	@Test
	void shouldTakeDotsLiterally() {
		assertThat(BucketPatterns.of(List.of("a.b")).matches("axb")).isFalse();
	}

	@Test
	void shouldMatchEveryBucketWhenThereAreNoPatterns() {
		assertThat(BucketPatterns.of(List.of()).matches("anything")).isTrue();
	}

}
