package dev.bucketwarden.bench.event;

import java.time.LocalDate;

/**
 * The list prices the event benchmark's cost table uses, in one place with the date they
 * were checked (docs/benchmarks.md cites them). US dollars, us-east-1, no free tier, no
 * volume discounts.
 *
 * @param checked when these prices were checked against the pricing pages
 * @param s3PutPer1000 S3 Standard PUT, COPY, POST, LIST requests (PutObjectTagging among
 * them), per 1,000
 * @param s3GetPer1000 S3 Standard GET, SELECT and all other requests (HeadObject,
 * GetObjectTagging), per 1,000
 * @param sqsPerMillion SQS standard queue requests (each 64 KiB chunk), per million
 * @param snsPublishPerMillion SNS publishes (each 64 KiB chunk), per million
 * @param dynamoWritePerMillion DynamoDB on-demand write request units (a write of up to 1
 * KB), per million
 * @param dynamoReadPerMillion DynamoDB on-demand read request units (a strongly
 * consistent read of up to 4 KB), per million
 * @param eventBridgePerMillion EventBridge PutEvents entries (each 64 KB chunk), per
 * million
 * @param fargateVcpuHour Fargate Linux/x86, per vCPU-hour
 * @param fargateGbHour Fargate Linux/x86, per GB-hour of memory
 * @param guardDutyPer1000Objects GuardDuty Malware Protection for S3, per 1,000 objects
 * evaluated
 * @param guardDutyPerGb GuardDuty Malware Protection for S3, per GB scanned
 */
record AwsPrices(LocalDate checked, double s3PutPer1000, double s3GetPer1000, double sqsPerMillion,
		double snsPublishPerMillion, double dynamoWritePerMillion, double dynamoReadPerMillion,
		double eventBridgePerMillion, double fargateVcpuHour, double fargateGbHour, double guardDutyPer1000Objects,
		double guardDutyPerGb) {

	/** us-east-1 list prices, checked 2026-12-06. */
	static final AwsPrices US_EAST_1 = new AwsPrices(LocalDate.of(2026, 12, 6), 0.005, 0.0004, 0.40, 0.50, 0.625, 0.125,
			1.00, 0.04048, 0.004445, 0.215, 0.09);

}
