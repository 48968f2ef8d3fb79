package dev.bucketwarden.apiagent.web;

import java.io.UncheckedIOException;

import org.apache.commons.fileupload2.core.FileUploadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.bucketwarden.apiagent.scan.ApiException;

/** Refusals as RFC 9457 problem details, with the verdict when there was one. */
@RestControllerAdvice
class ApiExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> refused(ApiException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
		if (ex.verdict() != null) {
			problem.setProperty("verdict", ex.verdict());
			problem.setProperty("result", ex.verdict().result());
		}
		return ResponseEntity.status(ex.status()).body(problem);
	}

	@ExceptionHandler({ FileUploadException.class, UncheckedIOException.class })
	ResponseEntity<ProblemDetail> unreadable(Exception ex) {
		logger.warn("Cannot read the request body: {}", ex.getMessage());
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Cannot read the body: " + ex.getMessage()));
	}

}
