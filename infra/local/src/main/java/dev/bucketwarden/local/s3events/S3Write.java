package dev.bucketwarden.local.s3events;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An S3 request (path-style) that creates an object, and the event name S3 gives it.
 *
 * @param bucket the bucket
 * @param key the key, decoded
 * @param eventName {@code ObjectCreated:Put}, {@code :Copy} or
 * {@code :CompleteMultipartUpload}
 */
record S3Write(String bucket, String key, String eventName) {

	/** The write this request makes, if it creates an object. */
	static Optional<S3Write> of(String method, URI uri, boolean copy) {
		String path = uri.getRawPath();
		if (path == null || path.length() < 2) {
			return Optional.empty();
		}
		int slash = path.indexOf('/', 1);
		if (slash < 0 || slash == path.length() - 1) {
			return Optional.empty();
		}
		String bucket = decode(path.substring(1, slash));
		String key = decode(path.substring(slash + 1));
		String query = (uri.getRawQuery() != null) ? uri.getRawQuery() : "";
		if (method.equals("PUT") && !hasParameter(query, "tagging") && !hasParameter(query, "acl")
				&& !hasParameter(query, "partNumber") && !hasParameter(query, "retention")
				&& !hasParameter(query, "legal-hold")) {
			return Optional.of(new S3Write(bucket, key, copy ? "ObjectCreated:Copy" : "ObjectCreated:Put"));
		}
		if (method.equals("POST") && hasParameter(query, "uploadId")) {
			return Optional.of(new S3Write(bucket, key, "ObjectCreated:CompleteMultipartUpload"));
		}
		return Optional.empty();
	}

	private static boolean hasParameter(String query, String name) {
		for (String parameter : query.split("&")) {
			if (parameter.equals(name) || parameter.startsWith(name + "=")) {
				return true;
			}
		}
		return false;
	}

	private static String decode(String raw) {
		// Path segments use %20 for spaces; '+' is a literal plus in a path.
		return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

}
