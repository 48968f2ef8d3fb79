package dev.bucketwarden.local.faults;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS operation of a request, named as the service's API names it:
 * {@code s3:GetObject}, {@code sqs:DeleteMessageBatch}, {@code dynamodb:PutItem}. A
 * request the proxy cannot name is {@code <service>:Unknown}.
 *
 * <p>
 * The service comes from the {@code X-Amz-Target} header of the JSON protocols (SQS,
 * DynamoDB, SSM, ...), else from the SigV4 credential scope of the Authorization header,
 * else it is S3. JSON operations are named by their target; S3 operations by method, path
 * (path-style {@code /bucket/key}, as the local emulators need) and query; query-protocol
 * operations (SNS, STS) by an {@code Action} in the query string, which SDK v2 puts in
 * the body instead, so those are {@code Unknown}.
 *
 * @param service the service, as in the SigV4 scope ({@code s3}, {@code sqs},
 * {@code dynamodb})
 * @param name the operation's name in the service's API
 */
public record AwsOperation(String service, String name) {

	public static final String UNKNOWN = "Unknown";

	/** Target prefixes whose service name differs from the prefix in lower case. */
	private static final Map<String, String> TARGET_SERVICES = Map.of("AmazonSQS", "sqs", "DynamoDB_20120810",
			"dynamodb", "DynamoDBStreams_20120810", "dynamodbstreams", "AmazonSSM", "ssm", "AWSEvents", "events",
			"AmazonEC2ContainerServiceV20141113", "ecs", "GraniteServiceVersion20100801", "monitoring");

	private static final Pattern SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/[^/]+/([^/]+)/aws4_request");

	private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z0-9]+)");

	/** Parses a request head: its request line and header lines. */
	public static AwsOperation parse(String head) {
		return of(HttpHead.of(head));
	}

	static AwsOperation of(HttpHead request) {
		String target = request.header("X-Amz-Target");
		if (target != null && target.lastIndexOf('.') > 0) {
			String prefix = target.substring(0, target.lastIndexOf('.'));
			String service = TARGET_SERVICES.getOrDefault(prefix, scopeOr(request, prefix.toLowerCase(Locale.ROOT)));
			return new AwsOperation(service, target.substring(target.lastIndexOf('.') + 1));
		}
		String service = scopeOr(request, "s3");
		if (service.equals("s3")) {
			return new AwsOperation("s3", S3Operations.name(request.method(), request.target(), request));
		}
		String query = query(request.target());
		Matcher action = ACTION.matcher(query);
		return new AwsOperation(service, action.find() ? action.group(1) : UNKNOWN);
	}

	static String query(String target) {
		int question = target.indexOf('?');
		return (question < 0) ? "" : target.substring(question + 1);
	}

	private static String scopeOr(HttpHead request, String fallback) {
		String authorization = request.header("Authorization");
		Matcher scope = (authorization != null) ? SCOPE.matcher(authorization) : null;
		return (scope != null && scope.find()) ? scope.group(1) : fallback;
	}

	/**
	 * Whether an arming pattern selects this operation. A pattern selects the operation
	 * of its exact name ({@code s3:GetObject} selects GetObject, not GetObjectTagging),
	 * the batch form of that name ({@code sqs:DeleteMessage} also selects
	 * {@code sqs:DeleteMessageBatch}), or, ending in {@code *}, every operation whose
	 * name starts with what precedes the star ({@code s3:*}, {@code s3:GetObject*},
	 * {@code *}).
	 */
	public boolean matches(String pattern) {
		String name = toString();
		if (pattern.endsWith("*")) {
			return name.startsWith(pattern.substring(0, pattern.length() - 1));
		}
		return name.equals(pattern) || name.equals(pattern + "Batch");
	}

	/** {@code service:Name}, such as {@code s3:GetObject}. */
	@Override
	public String toString() {
		return this.service + ":" + this.name;
	}

	/** The inverse of {@link #toString()}. */
	public static AwsOperation valueOf(String operation) {
		int colon = operation.indexOf(':');
		if (colon <= 0) {
			throw new IllegalArgumentException("Not service:Name: " + operation);
		}
		return new AwsOperation(operation.substring(0, colon), operation.substring(colon + 1));
	}

}
