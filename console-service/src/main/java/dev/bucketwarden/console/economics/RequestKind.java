package dev.bucketwarden.console.economics;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * How AWS bills a request: S3 by class, SQS, DynamoDB reads and writes, SNS. Requests to
 * other services (KMS, EventBridge, CloudWatch ...) are counted but not priced.
 */
public enum RequestKind {

	S3_GET("S3 GET and other", Prices::s3GetPerThousand, 1_000),

	S3_PUT("S3 PUT, POST, LIST", Prices::s3PutPerThousand, 1_000),

	S3_COPY("S3 COPY", Prices::s3CopyPerThousand, 1_000),

	S3_DELETE("S3 DELETE", Prices::s3DeletePerThousand, 1_000),

	SQS("SQS", Prices::sqsPerMillion, 1_000_000),

	DYNAMODB_READ("DynamoDB reads", Prices::dynamoDbReadPerMillion, 1_000_000),

	DYNAMODB_WRITE("DynamoDB writes", Prices::dynamoDbWritePerMillion, 1_000_000),

	SNS("SNS", Prices::snsPerMillion, 1_000_000),

	OTHER("Other (not priced)", (prices) -> BigDecimal.ZERO, 1);

	private static final Set<String> S3_PUT_CLASS = Set.of("PutObject", "PutObjectTagging", "PutObjectAcl",
			"PutObjectRetention", "PutObjectLegalHold", "PutBucketNotificationConfiguration", "PutBucketPolicy",
			"PostObject", "ListObjects", "ListObjectsV2", "ListObjectVersions", "ListBuckets", "ListMultipartUploads",
			"ListParts", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload", "CreateBucket");

	private static final Set<String> S3_COPY_CLASS = Set.of("CopyObject", "UploadPartCopy");

	private static final Set<String> S3_DELETE_CLASS = Set.of("DeleteObject", "DeleteObjects", "DeleteObjectTagging",
			"AbortMultipartUpload");

	private static final Set<String> DYNAMODB_READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan",
			"TransactGetItems");

	private static final Set<String> DYNAMODB_WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
			"TransactWriteItems");

	private final String label;

	private final Function<Prices, BigDecimal> price;

	private final long per;

	RequestKind(String label, Function<Prices, BigDecimal> price, long per) {
		this.label = label;
		this.price = price;
		this.per = per;
	}

	public String label() {
		return this.label;
	}

	/** What {@code count} requests of this kind cost, unrounded. */
	BigDecimal cost(long count, Prices prices) {
		return this.price.apply(prices).multiply(BigDecimal.valueOf(count)).divide(BigDecimal.valueOf(this.per));
	}

	/** The kind of a {@code Service:Operation} as the agents record it. */
	static RequestKind of(String serviceOperation) {
		int colon = serviceOperation.indexOf(':');
		String service = ((colon >= 0) ? serviceOperation.substring(0, colon) : serviceOperation)
			.toLowerCase(Locale.ROOT);
		String operation = (colon >= 0) ? serviceOperation.substring(colon + 1) : "";
		return switch (service) {
			case "s3" -> {
				if (S3_COPY_CLASS.contains(operation)) {
					yield S3_COPY;
				}
				if (S3_DELETE_CLASS.contains(operation)) {
					yield S3_DELETE;
				}
				yield S3_PUT_CLASS.contains(operation) ? S3_PUT : S3_GET;
			}
			case "sqs" -> SQS;
			case "sns" -> SNS;
			case "dynamodb" -> {
				if (DYNAMODB_READS.contains(operation)) {
					yield DYNAMODB_READ;
				}
				// table management (DescribeTable ...) is not billed per request
				yield DYNAMODB_WRITES.contains(operation) ? DYNAMODB_WRITE : OTHER;
			}
			default -> OTHER;
		};
	}

}
