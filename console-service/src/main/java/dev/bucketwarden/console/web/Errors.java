package dev.bucketwarden.console.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import dev.bucketwarden.store.StoreException;

/**
 * Failures as the caller can read them: RFC 9457 problem details for the API, the error
 * page for people. Invalid input is the caller's (400), a request that cannot be served
 * as configured a conflict (409), an unreachable table or queue ours (503).
 */
@ControllerAdvice(basePackages = "dev.bucketwarden.console")
@Order(Ordered.HIGHEST_PRECEDENCE)
class Errors {

	private static final Logger logger = LoggerFactory.getLogger(Errors.class);

	@ExceptionHandler(IllegalArgumentException.class)
	Object invalid(IllegalArgumentException ex, HttpServletRequest request) {
		return answer(request, HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler(IllegalStateException.class)
	Object unavailable(IllegalStateException ex, HttpServletRequest request) {
		return answer(request, HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler({ AwsUnavailableException.class, StoreException.class })
	Object storage(RuntimeException ex, HttpServletRequest request) {
		logger.warn("Storage failed: {}", ex.getMessage(), ex);
		return answer(request, HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
	}

	private static Object answer(HttpServletRequest request, HttpStatus status, String detail) {
		if (request.getRequestURI().startsWith("/api/")) {
			return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
		}
		ModelAndView page = new ModelAndView("error", status);
		page.addObject("status", status.value());
		return page;
	}

}
