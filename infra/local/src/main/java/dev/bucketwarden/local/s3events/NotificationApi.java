package dev.bucketwarden.local.s3events;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's side of S3's HTTP API for bucket notifications (path-style): {@code GET
 * /{bucket}?notification}, {@code PUT /{bucket}?notification}, and {@code DELETE
 * /{bucket}}, after which a bucket's configuration is gone.
 */
final class NotificationApi {

	/** S3's own limit is far lower; this only bounds memory. */
	private static final int MAX_CONFIGURATION_SIZE = 1 << 20;

	private static final Logger logger = LoggerFactory.getLogger(NotificationApi.class);

	private NotificationApi() {
	}

	/** The bucket of a notification API request, which S3Mock cannot answer. */
	static Optional<String> bucketOf(String method, URI uri) {
		String query = (uri.getRawQuery() != null) ? uri.getRawQuery() : "";
		boolean notification = Stream.of(query.split("&"))
			.anyMatch((parameter) -> parameter.equals("notification") || parameter.equals("notification="));
		return (notification && (method.equals("GET") || method.equals("PUT"))) ? bucketOnly(uri) : Optional.empty();
	}

	/** The bucket a DeleteBucket request names (not a sub-resource's DELETE). */
	static Optional<String> deletedBucket(String method, URI uri) {
		return (method.equals("DELETE") && uri.getRawQuery() == null) ? bucketOnly(uri) : Optional.empty();
	}

	/** Answers GET or PUT as S3 does: the document, an empty 200, or S3's error. */
	static void answer(HttpExchange exchange, String method, String bucket, BucketNotifications notifications)
			throws IOException {
		int status = 200;
		String body;
		try {
			if (method.equals("GET")) {
				body = notifications.get(bucket);
			}
			else {
				byte[] document;
				try (InputStream in = exchange.getRequestBody()) {
					document = in.readNBytes(MAX_CONFIGURATION_SIZE + 1);
				}
				if (document.length > MAX_CONFIGURATION_SIZE) {
					throw S3ErrorException.malformedXml();
				}
				notifications.put(bucket, document);
				body = "";
			}
		}
		catch (S3ErrorException ex) {
			logger.info("{} notification configuration of bucket {}: {} {}", method, bucket, ex.code(),
					ex.getMessage());
			status = ex.status();
			body = ex.toXml();
		}
		catch (RuntimeException ex) {
			logger.warn("{} notification configuration of bucket {} failed: {}", method, bucket, ex.toString());
			status = 502;
			body = "";
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("x-amz-request-id", UUID.randomUUID().toString());
		if (bytes.length == 0) {
			exchange.sendResponseHeaders(status, -1);
			return;
		}
		exchange.getResponseHeaders().set("Content-Type", "application/xml");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * The bucket of a path naming only a bucket ({@code /bucket} or {@code /bucket/}).
	 */
	static Optional<String> bucketOnly(URI uri) {
		String path = uri.getRawPath();
		if (path == null || path.length() < 2) {
			return Optional.empty();
		}
		String bucket = path.substring(1).replaceAll("/$", "");
		return (bucket.isEmpty() || bucket.contains("/")) ? Optional.empty() : Optional.of(bucket);
	}

}
