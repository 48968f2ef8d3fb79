package dev.bucketwarden.local.faults;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Names a query-protocol request (SNS, STS, SQS's old protocol) by the {@code Action} in
 * its form body, which the head does not show: small form bodies are read ahead, then
 * forwarded unchanged.
 */
final class QueryActions {

	/**
	 * Far above any query-protocol request the agents send; a larger one stays Unknown.
	 */
	static final int MAX_FORM = 64 * 1024;

	private QueryActions() {
	}

	/** Whether the request's operation is to be read from its form body. */
	static boolean readsForm(AwsOperation operation, HttpHead request) {
		String type = request.header("Content-Type");
		return operation.name().equals(AwsOperation.UNKNOWN) && !operation.service().equals("s3") && type != null
				&& type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
				&& !request.hasToken("Expect", "100-continue") && Framing.ofRequest(request) == Framing.LENGTH
				&& Framing.length(request) <= MAX_FORM;
	}

	static AwsOperation of(AwsOperation operation, byte[] form) {
		String action = AwsOperation.action(new String(form, StandardCharsets.ISO_8859_1));
		return (action != null) ? new AwsOperation(operation.service(), action) : operation;
	}

}
