package dev.bucketwarden.apiagent.web;

import java.io.UncheckedIOException;

import org.apache.commons.fileupload2.core.FileUploadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.core.exception.SdkException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.bucketwarden.agent.pipeline.RetryableScanException;
import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.apiagent.scan.ApiException;
import dev.bucketwarden.store.StoreException;

/**
 * Refusals as RFC 9457 problem details, with the verdict when there was one and the
 * request id. What AWS says when it refuses (account ids, role and bucket ARNs, policy
 * names) never reaches the caller: the answer says only what failed, the log has the
 * detail under the same request id. Spring MVC's own refusals (a missing parameter, a
 * malformed body) keep their statuses through {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

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
		return ResponseEntity.status(ex.status()).body(problem);
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
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "The scan could not be completed now; try again later"));
	}

	@ExceptionHandler({ StorageException.class, StoreException.class, SdkException.class })
	ResponseEntity<ProblemDetail> storage(RuntimeException ex) {
		logger.error("The storage refused or failed the request", ex);
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
			.body(problem(HttpStatus.BAD_GATEWAY, "The storage refused or failed the request; nothing was stored"));
	}

	@ExceptionHandler(RuntimeException.class)
	ResponseEntity<ProblemDetail> unexpected(RuntimeException ex) {
		logger.error("The request failed", ex);
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
			.body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "The request failed"));
	}

	private static ProblemDetail problem(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty("requestId", MDC.get(RequestIdFilter.MDC_KEY));
		return problem;
	}

}
