package dev.bucketwarden.console.economics;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * List prices in US dollars, as an admin set them (the defaults are US East (N.
 * Virginia)'s, docs/operations.md names their date and source).
 *
 * @param s3GetPerThousand S3 GET, HEAD and every request not priced otherwise, per 1,000
 * @param s3PutPerThousand S3 PUT, POST and LIST, per 1,000
 * @param s3CopyPerThousand S3 COPY, per 1,000
 * @param s3DeletePerThousand S3 DELETE, per 1,000 (free at list price)
 * @param sqsPerMillion SQS standard queue requests, per million
 * @param dynamoDbReadPerMillion DynamoDB on-demand read request units, per million
 * @param dynamoDbWritePerMillion DynamoDB on-demand write request units, per million
 * @param snsPerMillion SNS publishes, per million
 * @param fargateVcpuHour Fargate (Linux, x86) per vCPU-hour
 * @param fargateGbHour Fargate per GB-hour of memory
 * @param guardDutyPerGb GuardDuty Malware Protection for S3, per GB scanned
 * @param guardDutyPerThousandObjects GuardDuty Malware Protection for S3, per 1,000
 * objects evaluated
 */
public record Prices(BigDecimal s3GetPerThousand, BigDecimal s3PutPerThousand, BigDecimal s3CopyPerThousand,
		BigDecimal s3DeletePerThousand, BigDecimal sqsPerMillion, BigDecimal dynamoDbReadPerMillion,
		BigDecimal dynamoDbWritePerMillion, BigDecimal snsPerMillion, BigDecimal fargateVcpuHour,
		BigDecimal fargateGbHour, BigDecimal guardDutyPerGb, BigDecimal guardDutyPerThousandObjects) {

	/** The most a price may be: a typo of a few orders of magnitude is refused. */
	static final BigDecimal MAX = new BigDecimal("1000");

	/** US East (N. Virginia) list prices; see docs/operations.md for date and source. */
	public static final Prices DEFAULTS = new Prices(new BigDecimal("0.0004"), new BigDecimal("0.005"),
			new BigDecimal("0.005"), BigDecimal.ZERO, new BigDecimal("0.40"), new BigDecimal("0.125"),
			new BigDecimal("0.625"), new BigDecimal("0.50"), new BigDecimal("0.04048"), new BigDecimal("0.004445"),
			new BigDecimal("0.09"), new BigDecimal("0.215"));

	public Prices {
		check("s3GetPerThousand", s3GetPerThousand);
		check("s3PutPerThousand", s3PutPerThousand);
		check("s3CopyPerThousand", s3CopyPerThousand);
		check("s3DeletePerThousand", s3DeletePerThousand);
		check("sqsPerMillion", sqsPerMillion);
		check("dynamoDbReadPerMillion", dynamoDbReadPerMillion);
		check("dynamoDbWritePerMillion", dynamoDbWritePerMillion);
		check("snsPerMillion", snsPerMillion);
		check("fargateVcpuHour", fargateVcpuHour);
		check("fargateGbHour", fargateGbHour);
		check("guardDutyPerGb", guardDutyPerGb);
		check("guardDutyPerThousandObjects", guardDutyPerThousandObjects);
	}

	/** By name, in the order above: for storing and for the form. */
	public Map<String, BigDecimal> asMap() {
		Map<String, BigDecimal> map = new LinkedHashMap<>();
		map.put("s3GetPerThousand", this.s3GetPerThousand);
		map.put("s3PutPerThousand", this.s3PutPerThousand);
		map.put("s3CopyPerThousand", this.s3CopyPerThousand);
		map.put("s3DeletePerThousand", this.s3DeletePerThousand);
		map.put("sqsPerMillion", this.sqsPerMillion);
		map.put("dynamoDbReadPerMillion", this.dynamoDbReadPerMillion);
		map.put("dynamoDbWritePerMillion", this.dynamoDbWritePerMillion);
		map.put("snsPerMillion", this.snsPerMillion);
		map.put("fargateVcpuHour", this.fargateVcpuHour);
		map.put("fargateGbHour", this.fargateGbHour);
		map.put("guardDutyPerGb", this.guardDutyPerGb);
		map.put("guardDutyPerThousandObjects", this.guardDutyPerThousandObjects);
		return map;
	}

	/**
	 * From names to values as typed or stored; a name left out keeps its default.
	 * @throws IllegalArgumentException when a value is not a number or out of range
	 */
	public static Prices fromMap(Map<String, String> values) {
		Map<String, BigDecimal> prices = DEFAULTS.asMap();
		values.forEach((name, value) -> {
			if (!prices.containsKey(name)) {
				throw new IllegalArgumentException("Unknown price: " + name);
			}
			if (value == null || value.isBlank()) {
				throw new IllegalArgumentException(name + " is empty");
			}
			try {
				prices.put(name, new BigDecimal(value.strip()));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(name + " is not a number: " + value);
			}
		});
		return new Prices(prices.get("s3GetPerThousand"), prices.get("s3PutPerThousand"),
				prices.get("s3CopyPerThousand"), prices.get("s3DeletePerThousand"), prices.get("sqsPerMillion"),
				prices.get("dynamoDbReadPerMillion"), prices.get("dynamoDbWritePerMillion"),
				prices.get("snsPerMillion"), prices.get("fargateVcpuHour"), prices.get("fargateGbHour"),
				prices.get("guardDutyPerGb"), prices.get("guardDutyPerThousandObjects"));
	}

	private static void check(String name, BigDecimal value) {
		if (value == null) {
			throw new IllegalArgumentException(name + " is missing");
		}
		if (value.signum() < 0 || value.compareTo(MAX) > 0) {
			throw new IllegalArgumentException(name + " must be between 0 and " + MAX + " USD: " + value);
		}
	}

}
