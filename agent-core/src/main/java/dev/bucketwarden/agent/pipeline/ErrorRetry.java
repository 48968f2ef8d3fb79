package dev.bucketwarden.agent.pipeline;

import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * Whether a scan that ended in an Error is tried again. Errors that may pass by
 * themselves (an engine down, a timeout) are retried without a record until the last
 * attempt, which records, tags and publishes the Error so it is visible and still sends
 * the request to the DLQ. Access denied and a configuration error need a person: recorded
 * and acknowledged at once.
 */
final class ErrorRetry {

	private ErrorRetry() {
	}

	/**
	 * Before anything is recorded.
	 * @throws RetryableScanException when another attempt may succeed
	 */
	static void beforeRecording(ScanTarget target, Verdict verdict, Attempt attempt) {
		if (verdict instanceof Verdict.Error error && retryable(error.kind()) && !attempt.last()) {
			throw new RetryableScanException("Scan of " + target.describe() + " failed (attempt " + attempt.number()
					+ " of " + attempt.maxAttempts() + "): " + error.message(), error.cause());
		}
	}

	/**
	 * After the last attempt's Error was recorded, tagged and published.
	 * @throws RetryableScanException so that the request goes to the DLQ
	 */
	static void afterRecording(ScanTarget target, ScanRecord record) {
		if (record.status() == ResultStatus.ERROR && record.errorKind() != null
				&& retryable(ErrorKind.valueOf(record.errorKind()))) {
			throw new RetryableScanException("Last attempt for " + target.describe() + " failed: " + record.reason(),
					null);
		}
	}

	static boolean retryable(ErrorKind kind) {
		return switch (kind) {
			case UNAVAILABLE, TIMEOUT, PROTOCOL, ENGINE_FAILURE, CONTENT_READ -> true;
			case ACCESS_DENIED, CONFIGURATION -> false;
		};
	}

}
