package dev.bucketwarden.apiagent.web;

import java.io.UncheckedIOException;

import org.apache.commons.fileupload2.core.FileUploadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.core.exception.SdkException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.bucketwarden.agent.pipeline.RetryableScanException;
import dev.bucketwarden.agent.storage.StorageAccessDeniedException;
import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.apiagent.scan.ApiException;
import dev.bucketwarden.apiagent.scan.ApiProperties;
import dev.bucketwarden.store.StoreException;

/**
 * Refusals as RFC 9457 problem details, with the verdict when there was one and the
 * request id. What AWS says when it refuses (account ids, role and bucket ARNs, policy
 * names) never reaches the caller: the answer says only what failed, the log has the
 * detail under the same request id. Spring MVC's own refusals (a missing parameter, a
 * malformed body) keep their statuses through {@link ResponseEntityExceptionHandler}.
 * <p>
 * Every 5xx says whether it may be retried (docs/api.md, "Retries"): {@code retryable} in
 * the problem, and a {@code Retry-After} header when it is {@code true}: an engine that
 * failed or did not answer in time, S3 that failed or did not answer. A 5xx that retrying
 * cannot mend (S3 denies the agent's role a permission, the bucket names an engine this
 * agent does not run, a bug) says {@code retryable: false}.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final ApiProperties properties;

	ApiExceptionHandler(ApiProperties properties) {
		this.properties = properties;
	}

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> refused(ApiException ex) {
		ProblemDetail problem = problem(ex.status(), ex.getMessage());
		if (ex.verdict() != null) {
			problem.setProperty("verdict", ex.verdict());
			problem.setProperty("result", ex.verdict().result());
		}
		if (!ex.notDone().isEmpty()) {
			problem.setProperty("notDone", ex.notDone());
		}
		// A 503 is an engine that failed or did not answer in time; the other 5xx of a
		// refusal is a configuration error (500).
		return answer(ex.status(), problem, ex.status() == HttpStatus.SERVICE_UNAVAILABLE);
	}

	@ExceptionHandler({ FileUploadException.class, UncheckedIOException.class })
	ResponseEntity<ProblemDetail> unreadable(Exception ex) {
		logger.warn("Cannot read the request body", ex);
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.body(problem(HttpStatus.BAD_REQUEST, "Cannot read the body"));
	}

	@ExceptionHandler(RetryableScanException.class)
	ResponseEntity<ProblemDetail> notNow(RetryableScanException ex) {
		logger.warn("The scan could not be completed now", ex);
		return answer(HttpStatus.SERVICE_UNAVAILABLE,
				problem(HttpStatus.SERVICE_UNAVAILABLE, "The scan could not be completed now; try again later"), true);
	}

	/**
	 * S3 denied the agent's role a permission: the same request fails again until the
	 * role is fixed.
	 */
	@ExceptionHandler(StorageAccessDeniedException.class)
	ResponseEntity<ProblemDetail> denied(StorageAccessDeniedException ex) {
		logger.error("The storage refused the request", ex);
		return answer(HttpStatus.BAD_GATEWAY,
				problem(HttpStatus.BAD_GATEWAY, "The storage refused the request; nothing was stored"), false);
	}

	/**
	 * S3 or DynamoDB failed or did not answer in time (what S3 denied reaches here
	 * wrapped, as before: see {@code ConditionalUpload}). A failed write that S3 stored
	 * all the same was answered as stored already; one that cannot be read back may have
	 * been stored, so the answer does not say nothing was.
	 */
	@ExceptionHandler({ StorageException.class, StoreException.class, SdkException.class })
	ResponseEntity<ProblemDetail> storage(RuntimeException ex) {
		if (ex.getCause() instanceof StorageAccessDeniedException denied) {
			return denied(denied);
		}
		logger.error("The storage failed the request", ex);
		return answer(HttpStatus.SERVICE_UNAVAILABLE,
				problem(HttpStatus.SERVICE_UNAVAILABLE, "The storage failed the request; try again later"), true);
	}

	@ExceptionHandler(RuntimeException.class)
	ResponseEntity<ProblemDetail> unexpected(RuntimeException ex) {
		logger.error("The request failed", ex);
		return answer(HttpStatus.INTERNAL_SERVER_ERROR, problem(HttpStatus.INTERNAL_SERVER_ERROR, "The request failed"),
				false);
	}

	/**
	 * The answer; a 5xx says whether it may be retried, with {@code Retry-After} when it
	 * may.
	 */
	private ResponseEntity<ProblemDetail> answer(HttpStatus status, ProblemDetail problem, boolean retryable) {
		if (!status.is5xxServerError()) {
			return ResponseEntity.status(status).body(problem);
		}
		problem.setProperty("retryable", retryable);
		if (!retryable) {
			return ResponseEntity.status(status).body(problem);
		}
		return ResponseEntity.status(status)
			.header(HttpHeaders.RETRY_AFTER, this.properties.retryAfterSeconds())
			.body(problem);
	}

	private static ProblemDetail problem(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty("requestId", MDC.get(RequestIdFilter.MDC_KEY));
		return problem;
	}

}
