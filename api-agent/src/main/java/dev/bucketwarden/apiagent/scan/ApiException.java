package dev.bucketwarden.apiagent.scan;

import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, with its HTTP status and, when there was a scan, its
 * verdict.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final ScanResponse verdict;

	public ApiException(HttpStatus status, String message, ScanResponse verdict) {
		super(message);
		this.status = status;
		this.verdict = verdict;
	}

	public HttpStatus status() {
		return this.status;
	}

	public ScanResponse verdict() {
		return this.verdict;
	}

}
