package dev.bucketwarden.bench.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What scanning one object costs, per million objects of one size: the request fees of
 * the AWS requests the agent made per object at {@link AwsPrices}, the Fargate price of
 * the agent's and clamd's CPU per object ({@link TaskSize}), and GuardDuty Malware
 * Protection for S3's price for the same objects.
 * <p>
 * Pricing of requests by operation: S3 writes, copies and lists ({@code Put*},
 * {@code Copy*}, {@code Create*}, {@code Complete*}, {@code Upload*}, {@code List*}) at
 * the PUT class price, deletes and aborts free, every other S3 request (GET, HEAD,
 * GetObjectTagging) at the GET class price; every SQS request at the SQS price and every
 * SNS request at the publish price, batches included: SQS and SNS bill a batch of up to
 * ten messages as one request per 64 KiB of payload, and a batch of findings (1-2 KiB
 * each) stays under 64 KiB; DynamoDB writes at {@code ceil(item / 1 KB)} write units
 * (twice that in a transaction) and reads at {@code ceil(item / 4 KB)} read units
 * (strongly consistent, as the agent reads), with the item's size measured from the scan
 * records; EventBridge PutEvents at one entry per request. Batch requests billed per
 * entry or item (EventBridge PutEvents of several entries, DynamoDB BatchWriteItem),
 * which a request count cannot see: they are priced as one entry and named in
 * {@link #underpriced()}. Requests of other services are not priced and named in
 * {@link #unpriced()}.
 */
final class ObjectCost {

	static final String S3_PUT = "S3 PUT/COPY/POST/LIST";

	static final String S3_GET = "S3 GET/HEAD/other";

	static final String SQS = "SQS";

	static final String SNS = "SNS";

	static final String DYNAMO_WRITES = "DynamoDB writes";

	static final String DYNAMO_READS = "DynamoDB reads";

	static final String EVENTBRIDGE = "EventBridge";

	private static final double GIB = 1 << 30;

	private static final double MILLION = 1e6;

	private final Map<String, Double> fees = new LinkedHashMap<>();

	private final Set<String> underpriced = new TreeSet<>();

	private final Set<String> unpriced = new TreeSet<>();

	private final double agentCompute;

	private final double clamdCompute;

	private final double guardDuty;

	/**
	 * @param requestsPerObject requests per object, by {@code "Service Operation"} (the
	 * SDK's service id and operation name)
	 * @param objectBytes the objects' size
	 * @param itemBytes the size of a scan record in DynamoDB
	 * @param agentCpuSeconds the agent's CPU per object
	 * @param clamdCpuSeconds clamd's CPU per object
	 * @param prices the prices
	 * @param task the task the CPU is priced in
	 */
	ObjectCost(Map<String, Double> requestsPerObject, long objectBytes, long itemBytes, double agentCpuSeconds,
			double clamdCpuSeconds, AwsPrices prices, TaskSize task) {
		for (String line : new String[] { S3_PUT, S3_GET, SQS, SNS, DYNAMO_WRITES, DYNAMO_READS, EVENTBRIDGE }) {
			this.fees.put(line, 0.0);
		}
		requestsPerObject.forEach((request, perObject) -> {
			int blank = request.indexOf(' ');
			price(request.substring(0, blank), request.substring(blank + 1), perObject * MILLION,
					Math.max(1, itemBytes), prices);
		});
		double perCpuSecond = task.dollarsPerCpuSecond(prices);
		this.agentCompute = agentCpuSeconds * MILLION * perCpuSecond;
		this.clamdCompute = clamdCpuSeconds * MILLION * perCpuSecond;
		this.guardDuty = MILLION / 1000 * prices.guardDutyPer1000Objects()
				+ MILLION * objectBytes / GIB * prices.guardDutyPerGb();
	}

	private void price(String service, String operation, double requests, long itemBytes, AwsPrices prices) {
		switch (service) {
			case "S3" -> {
				if (operation.startsWith("Delete") || operation.startsWith("Abort")) {
					return;
				}
				boolean putClass = operation.startsWith("Put") || operation.startsWith("Copy")
						|| operation.startsWith("Create") || operation.startsWith("Complete")
						|| operation.startsWith("Upload") || operation.startsWith("List");
				add(putClass ? S3_PUT : S3_GET,
						requests / 1000 * (putClass ? prices.s3PutPer1000() : prices.s3GetPer1000()));
			}
			case "Sqs" -> add(SQS, requests / MILLION * prices.sqsPerMillion());
			case "Sns" -> add(SNS, requests / MILLION * prices.snsPublishPerMillion());
			case "DynamoDb" -> priceDynamoDb(operation, requests, itemBytes, prices);
			case "EventBridge" -> {
				add(EVENTBRIDGE, requests / MILLION * prices.eventBridgePerMillion());
				this.underpriced.add(service + " " + operation);
			}
			default -> this.unpriced.add(service + " " + operation);
		}
	}

	private void priceDynamoDb(String operation, double requests, long itemBytes, AwsPrices prices) {
		long writeUnits = (itemBytes + 1023) / 1024;
		long readUnits = (itemBytes + 4095) / 4096;
		switch (operation) {
			case "PutItem", "UpdateItem", "DeleteItem" ->
				add(DYNAMO_WRITES, requests * writeUnits / MILLION * prices.dynamoWritePerMillion());
			case "TransactWriteItems" -> {
				add(DYNAMO_WRITES, requests * 2 * writeUnits / MILLION * prices.dynamoWritePerMillion());
				this.underpriced.add("DynamoDb " + operation);
			}
			case "GetItem", "Query", "Scan" ->
				add(DYNAMO_READS, requests * readUnits / MILLION * prices.dynamoReadPerMillion());
			case "BatchWriteItem" -> {
				add(DYNAMO_WRITES, requests * writeUnits / MILLION * prices.dynamoWritePerMillion());
				this.underpriced.add("DynamoDb " + operation);
			}
			case "BatchGetItem" -> {
				add(DYNAMO_READS, requests * readUnits / MILLION * prices.dynamoReadPerMillion());
				this.underpriced.add("DynamoDb " + operation);
			}
			default -> this.unpriced.add("DynamoDb " + operation);
		}
	}

	private void add(String line, double dollars) {
		this.fees.merge(line, dollars, Double::sum);
	}

	/** Request fees per million objects, by price line. */
	Map<String, Double> feesPerMillion() {
		return Map.copyOf(this.fees);
	}

	double feePerMillion(String line) {
		return this.fees.getOrDefault(line, 0.0);
	}

	double requestFeesPerMillion() {
		return this.fees.values().stream().mapToDouble(Double::doubleValue).sum();
	}

	double agentComputePerMillion() {
		return this.agentCompute;
	}

	double clamdComputePerMillion() {
		return this.clamdCompute;
	}

	/** Request fees, the agent's and clamd's CPU. */
	double oursPerMillion() {
		return requestFeesPerMillion() + this.agentCompute + this.clamdCompute;
	}

	double guardDutyPerMillion() {
		return this.guardDuty;
	}

	/** Batch requests priced as one entry: their real fee is higher. */
	Set<String> underpriced() {
		return Set.copyOf(this.underpriced);
	}

	/** Requests not priced at all (services outside the price list). */
	Set<String> unpriced() {
		return Set.copyOf(this.unpriced);
	}

}
