package dev.bucketwarden.local.faults;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The error answers of the non-forwarded faults, in each protocol's own error format so
 * that the SDK classifies them as the service's: S3's XML error, the JSON protocols'
 * {@code __type}, the query protocol's XML error response. Each closes the connection.
 */
final class ErrorReplies {

	private ErrorReplies() {
	}

	static byte[] of(FaultKind kind, AwsOperation operation, HttpHead request) {
		boolean throttling = kind == FaultKind.SLOW_DOWN_503;
		String status = throttling ? "503 Slow Down" : "500 Internal Server Error";
		String requestId = UUID.randomUUID().toString();
		String contentType;
		String body;
		String extra = "";
		if (operation.service().equals("s3")) {
			contentType = "application/xml";
			String code = throttling ? "SlowDown" : "InternalError";
			String message = throttling ? "Please reduce your request rate."
					: "We encountered an internal error. Please try again.";
			body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
					+ "</Message><RequestId>" + requestId + "</RequestId></Error>";
			extra = "x-amz-request-id: " + requestId + "\r\n";
		}
		else if (request.header("X-Amz-Target") != null) {
			String requestType = request.header("Content-Type");
			contentType = (requestType != null) ? requestType : "application/x-amz-json-1.0";
			String code = jsonCode(operation.service(), throttling);
			body = "{\"__type\":\"" + code + "\",\"message\":\""
					+ (throttling ? "Rate of requests exceeds the allowed throughput." : "Internal server error")
					+ "\"}";
			extra = "x-amzn-RequestId: " + requestId + "\r\n";
			if (operation.service().equals("sqs")) {
				// SQS's JSON protocol carries its query-protocol error code here too.
				extra += "x-amzn-query-error: " + (throttling ? "RequestThrottled;Sender" : "InternalError;Receiver")
						+ "\r\n";
			}
		}
		else {
			contentType = "text/xml";
			body = "<ErrorResponse><Error><Type>" + (throttling ? "Sender" : "Receiver") + "</Type><Code>"
					+ (throttling ? "Throttling" : "InternalFailure") + "</Code><Message>"
					+ (throttling ? "Rate exceeded" : "Internal failure") + "</Message></Error><RequestId>" + requestId
					+ "</RequestId></ErrorResponse>";
			extra = "x-amzn-RequestId: " + requestId + "\r\n";
		}
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		boolean head = request.method().equals("HEAD");
		String reply = "HTTP/1.1 " + status + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
				+ (head ? 0 : content.length) + "\r\n" + extra + "Connection: close\r\n\r\n";
		byte[] replyHead = reply.getBytes(StandardCharsets.ISO_8859_1);
		if (head) {
			return replyHead;
		}
		byte[] all = new byte[replyHead.length + content.length];
		System.arraycopy(replyHead, 0, all, 0, replyHead.length);
		System.arraycopy(content, 0, all, replyHead.length, content.length);
		return all;
	}

	private static String jsonCode(String service, boolean throttling) {
		return switch (service) {
			case "dynamodb" -> throttling ? "com.amazonaws.dynamodb.v20120810#ThrottlingException"
					: "com.amazonaws.dynamodb.v20120810#InternalServerError";
			case "sqs" -> throttling ? "com.amazonaws.sqs#RequestThrottled" : "com.amazonaws.sqs#InternalError";
			default -> throttling ? "ThrottlingException" : "InternalFailure";
		};
	}

}
