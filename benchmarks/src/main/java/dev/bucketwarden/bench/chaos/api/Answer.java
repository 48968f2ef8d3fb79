package dev.bucketwarden.bench.chaos.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What the API answered to one request, or why there was no answer.
 *
 * @param status the HTTP status, or 0 when no answer came (the connection failed, or the
 * client disconnected on purpose)
 * @param retryAfter the {@code Retry-After} header, if any
 * @param body the body as text
 * @param failure why there was no answer, if there was none
 */
record Answer(int status, @Nullable String retryAfter, String body, @Nullable String failure) {

	private static final Pattern RESULT = Pattern.compile("\"result\"\\s*:\\s*\"([A-Za-z]+)\"");

	private static final Pattern SIZE = Pattern.compile("\"size\"\\s*:\\s*(\\d+)");

	private static final Pattern RETRYABLE = Pattern.compile("\"retryable\"\\s*:\\s*(true|false)");

	static Answer none(String failure) {
		return new Answer(0, null, "", failure);
	}

	boolean answered() {
		return this.status > 0;
	}

	/**
	 * The verdict's {@code result} (the first in the body: a refusal's is its verdict's).
	 */
	@Nullable String result() {
		Matcher matcher = RESULT.matcher(this.body);
		return matcher.find() ? matcher.group(1) : null;
	}

	/** The verdict's {@code size}: the bytes scanned; -1 when the answer has none. */
	long size() {
		Matcher matcher = SIZE.matcher(this.body);
		return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
	}

	/**
	 * Whether the answer says the request may be retried, as docs/api.md documents for a
	 * 5xx: a {@code Retry-After} header, and no {@code "retryable": false} in the body (a
	 * problem says {@code retryable}; a scan's 503 is its verdict, which does not).
	 */
	boolean saysRetryable() {
		Matcher matcher = RETRYABLE.matcher(this.body);
		boolean saysNo = matcher.find() && matcher.group(1).equals("false");
		return this.retryAfter != null && !this.retryAfter.isBlank() && !saysNo;
	}

	@Override
	public String toString() {
		if (!answered()) {
			return "no answer (" + this.failure + ")";
		}
		String text = this.body.replaceAll("\\s+", " ");
		return this.status + ((this.retryAfter != null) ? " Retry-After " + this.retryAfter : "") + " "
				+ text.substring(0, Math.min(200, text.length()));
	}

}
