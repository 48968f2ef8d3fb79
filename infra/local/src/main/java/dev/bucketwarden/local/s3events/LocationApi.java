package dev.bucketwarden.local.s3events;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import org.w3c.dom.Element;

/**
 * The relay's side of S3's bucket location API (path-style), which S3Mock does not keep:
 * {@code GET /{bucket}?location} answers the region {@link BucketRegions} holds
 * ({@code us-east-1} as S3 says it, an empty constraint), and a CreateBucket ({@code PUT
 * /{bucket}}) names its region in its body's {@code LocationConstraint}, or is in the
 * region of the relay it came through.
 */
final class LocationApi {

	/** A CreateBucketConfiguration is a few hundred bytes; this only bounds memory. */
	static final int MAX_CONFIGURATION_SIZE = 64 * 1024;

	private static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

	private LocationApi() {
	}

	/** The bucket of a GetBucketLocation request. */
	static Optional<String> bucketOf(String method, URI uri) {
		String query = (uri.getRawQuery() != null) ? uri.getRawQuery() : "";
		boolean location = Stream.of(query.split("&"))
			.anyMatch((parameter) -> parameter.equals("location") || parameter.equals("location="));
		return (location && method.equals("GET")) ? NotificationApi.bucketOnly(uri) : Optional.empty();
	}

	/** The bucket a CreateBucket request names (a PUT of the bucket alone). */
	static Optional<String> createdBucket(String method, URI uri) {
		return (method.equals("PUT") && uri.getRawQuery() == null) ? NotificationApi.bucketOnly(uri) : Optional.empty();
	}

	/**
	 * The region a CreateBucket body names, or {@code fallback} without a body or a
	 * constraint.
	 */
	static String regionOf(byte[] body, String fallback) {
		if (body.length == 0) {
			return fallback;
		}
		Element root = Xml.parse(body);
		String constraint = Xml.text(root, "LocationConstraint");
		return (constraint == null || constraint.isEmpty()) ? fallback : constraint;
	}

	/** S3's answer: the constraint, empty for us-east-1. */
	static String document(String region) {
		String constraint = region.equals("us-east-1") ? "" : Xml.escape(region);
		return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\"" + NAMESPACE + "\">"
				+ constraint + "</LocationConstraint>";
	}

	static void answer(HttpExchange exchange, String region) throws IOException {
		byte[] bytes = document(region).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("x-amz-request-id", UUID.randomUUID().toString());
		exchange.getResponseHeaders().set("Content-Type", "application/xml");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	static void noSuchBucket(HttpExchange exchange, String bucket) throws IOException {
		S3ErrorException error = S3ErrorException.noSuchBucket(bucket);
		byte[] bytes = error.toXml().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/xml");
		exchange.sendResponseHeaders(error.status(), bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
