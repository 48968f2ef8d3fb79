package dev.bucketwarden.agent.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.store.results.ScanSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ErrorRetryTests {

	private static final ScanTarget TARGET = new ScanTarget("b", "k", null, null, ScanSource.EVENT);

	@ParameterizedTest
	@EnumSource(value = ErrorKind.class, names = { "ACCESS_DENIED", "CONFIGURATION" })
	void shouldNotRetryWhatNeedsAPerson(ErrorKind kind) {
		assertThat(ErrorRetry.retryable(kind)).isFalse();
		assertThatNoException().isThrownBy(
				() -> ErrorRetry.beforeRecording(TARGET, new Verdict.Error(kind, "x", null), new Attempt(1, 3)));
	}

	@ParameterizedTest
	@EnumSource(value = ErrorKind.class, names = { "ACCESS_DENIED", "CONFIGURATION" }, mode = EnumSource.Mode.EXCLUDE)
	void shouldRetryWhatMayPassUntilTheLastAttempt(ErrorKind kind) {
		assertThat(ErrorRetry.retryable(kind)).isTrue();
		Verdict.Error error = new Verdict.Error(kind, "x", null);
		assertThatExceptionOfType(RetryableScanException.class)
			.isThrownBy(() -> ErrorRetry.beforeRecording(TARGET, error, new Attempt(2, 3)));
		assertThatNoException().isThrownBy(() -> ErrorRetry.beforeRecording(TARGET, error, new Attempt(3, 3)));
	}

	@Test
	void shouldNeverRetryAVerdict() {
		assertThatNoException()
			.isThrownBy(() -> ErrorRetry.beforeRecording(TARGET, new Verdict.Clean(), new Attempt(1, 3)));
	}

}
