package dev.bucketwarden.apiagent.scan;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, with its HTTP status and, when there was a scan, its verdict
 * and what could not be done after it. Its message is ours and safe to answer with.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final ScanResponse verdict;

	private final List<String> notDone;

	public ApiException(HttpStatus status, String message, ScanResponse verdict) {
		this(status, message, verdict, List.of());
	}

	public ApiException(HttpStatus status, String message, ScanResponse verdict, List<String> notDone) {
		super(message);
		this.status = status;
		this.verdict = verdict;
		this.notDone = List.copyOf(notDone);
	}

	public HttpStatus status() {
		return this.status;
	}

	public ScanResponse verdict() {
		return this.verdict;
	}

	public List<String> notDone() {
		return this.notDone;
	}

}
