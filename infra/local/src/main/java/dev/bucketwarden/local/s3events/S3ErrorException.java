package dev.bucketwarden.local.s3events;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * An error the relay answers as S3 would: HTTP status, S3 error code and message, and
 * S3's numbered argument name and value pairs ({@code ArgumentName1},
 * {@code ArgumentValue1}...).
 */
final class S3ErrorException extends RuntimeException {

	private final int status;

	private final String code;

	private final Map<String, String> arguments;

	S3ErrorException(int status, String code, String message, Map<String, String> arguments) {
		super(message);
		this.status = status;
		this.code = code;
		this.arguments = new LinkedHashMap<>(arguments);
	}

	static S3ErrorException invalidArgument(String message, String name, String value) {
		return new S3ErrorException(400, "InvalidArgument", message, Map.of(name, value));
	}

	static S3ErrorException malformedXml() {
		return new S3ErrorException(400, "MalformedXML",
				"The XML you provided was not well-formed or did not validate against our published schema", Map.of());
	}

	static S3ErrorException noSuchBucket(String bucket) {
		return new S3ErrorException(404, "NoSuchBucket", "The specified bucket does not exist",
				Map.of("BucketName", bucket));
	}

	int status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

	Map<String, String> arguments() {
		return Map.copyOf(this.arguments);
	}

	/** S3's error document. */
	String toXml() {
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>")
			.append(this.code)
			.append("</Code><Message>")
			.append(Xml.escape(getMessage()))
			.append("</Message>");
		if (this.code.equals("NoSuchBucket")) {
			this.arguments.forEach((name, value) -> xml.append('<')
				.append(name)
				.append('>')
				.append(Xml.escape(value))
				.append("</")
				.append(name)
				.append('>'));
		}
		else {
			int n = 1;
			for (Map.Entry<String, String> argument : this.arguments.entrySet()) {
				xml.append("<ArgumentName").append(n).append('>').append(Xml.escape(argument.getKey()));
				xml.append("</ArgumentName").append(n).append('>');
				xml.append("<ArgumentValue").append(n).append('>').append(Xml.escape(argument.getValue()));
				xml.append("</ArgumentValue").append(n).append('>');
				n++;
			}
		}
		String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
		return xml.append("<RequestId>").append(id).append("</RequestId><HostId>LOCAL</HostId></Error>").toString();
	}

}
