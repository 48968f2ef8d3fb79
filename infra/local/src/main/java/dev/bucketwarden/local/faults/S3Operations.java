package dev.bucketwarden.local.faults;

import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Names an S3 request's operation from its method, path-style target ({@code /bucket},
 * {@code /bucket/key}) and the names of its query parameters, as the S3 API reference
 * routes them.
 */
final class S3Operations {

	private S3Operations() {
	}

	static String name(String method, String target, HttpHead request) {
		String path = (target.indexOf('?') < 0) ? target : target.substring(0, target.indexOf('?'));
		if (path.startsWith("http://") || path.startsWith("https://")) {
			// Absolute form, as sent to a forward proxy.
			int slash = path.indexOf('/', path.indexOf("//") + 2);
			path = (slash < 0) ? "/" : path.substring(slash);
		}
		String trimmed = path.startsWith("/") ? path.substring(1) : path;
		int slash = trimmed.indexOf('/');
		boolean hasBucket = !trimmed.isEmpty();
		boolean hasKey = slash >= 0 && slash < trimmed.length() - 1;
		Set<String> query = parameters(AwsOperation.query(target));
		boolean copy = request.header("x-amz-copy-source") != null;
		if (!hasBucket) {
			return method.equals("GET") ? "ListBuckets" : AwsOperation.UNKNOWN;
		}
		return hasKey ? objectOperation(method, query, copy) : bucketOperation(method, query);
	}

	private static String objectOperation(String method, Set<String> query, boolean copy) {
		return switch (method) {
			case "GET" -> query.contains("tagging") ? "GetObjectTagging"
					: query.contains("uploadId") ? "ListParts" : query.contains("acl") ? "GetObjectAcl"
							: query.contains("attributes") ? "GetObjectAttributes" : "GetObject";
			case "HEAD" -> "HeadObject";
			case "PUT" -> query.contains("tagging") ? "PutObjectTagging" : query.contains("uploadId")
					? (copy ? "UploadPartCopy" : "UploadPart")
					: query.contains("acl") ? "PutObjectAcl" : query.contains("retention") ? "PutObjectRetention"
							: query.contains("legal-hold") ? "PutObjectLegalHold" : copy ? "CopyObject" : "PutObject";
			case "DELETE" -> query.contains("tagging") ? "DeleteObjectTagging"
					: query.contains("uploadId") ? "AbortMultipartUpload" : "DeleteObject";
			case "POST" -> query.contains("uploads") ? "CreateMultipartUpload" : query.contains("uploadId")
					? "CompleteMultipartUpload" : query.contains("restore") ? "RestoreObject" : AwsOperation.UNKNOWN;
			default -> AwsOperation.UNKNOWN;
		};
	}

	private static String bucketOperation(String method, Set<String> query) {
		String subresource = subresource(query);
		return switch (method) {
			case "GET" -> query.contains("versions") ? "ListObjectVersions"
					: query.contains("list-type") ? "ListObjectsV2" : query.contains("uploads") ? "ListMultipartUploads"
							: (subresource != null) ? "GetBucket" + subresource : "ListObjects";
			case "HEAD" -> "HeadBucket";
			case "PUT" -> (subresource != null) ? "PutBucket" + subresource : "CreateBucket";
			case "DELETE" -> (subresource != null) ? "DeleteBucket" + subresource : "DeleteBucket";
			case "POST" -> query.contains("delete") ? "DeleteObjects" : AwsOperation.UNKNOWN;
			default -> AwsOperation.UNKNOWN;
		};
	}

	/** The bucket subresource in the API's own spelling of the operation. */
	private static @Nullable String subresource(Set<String> query) {
		if (query.contains("versioning")) {
			return "Versioning";
		}
		if (query.contains("tagging")) {
			return "Tagging";
		}
		if (query.contains("notification")) {
			return "NotificationConfiguration";
		}
		if (query.contains("location")) {
			return "Location";
		}
		if (query.contains("policy")) {
			return "Policy";
		}
		if (query.contains("lifecycle")) {
			return "LifecycleConfiguration";
		}
		if (query.contains("encryption")) {
			return "Encryption";
		}
		if (query.contains("acl")) {
			return "Acl";
		}
		if (query.contains("cors")) {
			return "Cors";
		}
		if (query.contains("object-lock")) {
			return "ObjectLockConfiguration";
		}
		return null;
	}

	private static Set<String> parameters(String query) {
		Set<String> names = new HashSet<>();
		for (String parameter : query.split("&")) {
			if (!parameter.isEmpty()) {
				int equals = parameter.indexOf('=');
				names.add((equals < 0) ? parameter : parameter.substring(0, equals));
			}
		}
		return names;
	}

}
