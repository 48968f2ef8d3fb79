package dev.bucketwarden.agent.pipeline;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attempt every queue consumer reads from SQS's receive count, and the visibility of
 * a message whose attempt failed.
 */
class AttemptTests {

	@Test
	void shouldReadTheReceiveCountAsStringOrNumberAndTakeAnUnreadableOneAsTheFirst() {
		assertThat(Attempt.ofReceiveCount("3", 5)).isEqualTo(new Attempt(3, 5));
		assertThat(Attempt.ofReceiveCount(4, 5)).isEqualTo(new Attempt(4, 5));
		assertThat(Attempt.ofReceiveCount(null, 5)).isEqualTo(new Attempt(1, 5));
		assertThat(Attempt.ofReceiveCount("many", 5)).isEqualTo(new Attempt(1, 5));
		assertThat(Attempt.ofReceiveCount("5", 5).last()).isTrue();
	}

	@Test
	void shouldDoubleTheBackoffUpToItsMaximumAndReleaseTheLastAttemptAtOnce() {
		Duration initial = Duration.ofSeconds(10);
		Duration max = Duration.ofSeconds(60);

		assertThat(new Attempt(1, 5).retryVisibilitySeconds(initial, max)).isEqualTo(10);
		assertThat(new Attempt(2, 5).retryVisibilitySeconds(initial, max)).isEqualTo(20);
		assertThat(new Attempt(4, 5).retryVisibilitySeconds(initial, max)).isEqualTo(60);
		assertThat(new Attempt(5, 5).retryVisibilitySeconds(initial, max)).isZero();
		assertThat(new Attempt(1, 5).retryVisibilitySeconds(Duration.ZERO, Duration.ofMinutes(5)))
			.as("at least a second")
			.isEqualTo(1);
	}

	@Test
	void shouldKeepAFixedBackoffWhenInitialIsTheMaximum() {
		Duration fixed = Duration.ofSeconds(10);

		assertThat(new Attempt(1, 5).retryVisibilitySeconds(fixed, fixed)).isEqualTo(10);
		assertThat(new Attempt(4, 5).retryVisibilitySeconds(fixed, fixed)).isEqualTo(10);
		assertThat(new Attempt(2, 5).retryVisibilitySeconds(Duration.ZERO, Duration.ZERO)).isZero();
	}

}
