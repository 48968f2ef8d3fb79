package dev.bucketwarden.console.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.bucketwarden.agent.storage.StorageException;

/**
 * Errors of the API as RFC 9457 problem details: invalid settings are the caller's (400),
 * an unreachable table or queue is ours (503).
 */
@RestControllerAdvice(basePackages = "dev.bucketwarden.console")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors {

	private static final Logger logger = LoggerFactory.getLogger(ApiErrors.class);

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalid(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler(IllegalStateException.class)
	ProblemDetail unavailable(IllegalStateException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler(StorageException.class)
	ProblemDetail storage(StorageException ex) {
		logger.warn("Storage failed: {}", ex.getMessage(), ex);
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
	}

}
