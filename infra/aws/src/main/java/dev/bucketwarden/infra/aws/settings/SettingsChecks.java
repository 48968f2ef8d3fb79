package dev.bucketwarden.infra.aws.settings;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Refuses context values that would reach a policy, a topic or a bucket malformed: an
 * account, organization, role or key ARN that IAM would not compare as meant, a bucket
 * entry that is neither a name nor a pattern, bounds AWS itself sets. Each message names
 * the context key, so an operator finds the line of cdk.json to fix.
 */
final class SettingsChecks {

	private static final Pattern KMS_KEY = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+");

	static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

	private static final Pattern ORGANIZATION = Pattern.compile("o-[a-z0-9]{10,32}");

	/** A role ARN as IAM names it, no wildcard: policies compare it with ArnNotEquals. */
	private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+");

	private static final String ROLE_ARN_WHAT = "an IAM role ARN without wildcards (arn:aws:iam::ACCOUNT:role/NAME)";

	/**
	 * A CloudWatch namespace as PutMetricData takes it (no space: the dashboard quotes it
	 * in search expressions); AWS/ is AWS's own.
	 */
	private static final Pattern NAMESPACE = Pattern.compile("(?!AWS/)[A-Za-z0-9._/#:-]{1,255}");

	private static final Pattern BUCKET_ENTRY = Pattern.compile("[A-Za-z0-9._*-]{1,255}");

	/** AWS WAF's bounds of a rate-based rule's limit. */
	static final int WAF_MIN_LIMIT = 10;

	static final int WAF_MAX_LIMIT = 2_000_000_000;

	private SettingsChecks() {
	}

	/** The principals the topic, queue and bucket policies name. */
	static void principals(List<String> allowedAccounts, List<String> allowedOrganizations,
			List<String> breakGlassRoleArns) {
		check("allowedAccounts", allowedAccounts, ACCOUNT, "an AWS account id (12 digits)");
		check("allowedOrganizations", allowedOrganizations, ORGANIZATION,
				"an AWS Organizations id (o- and 10 to 32 lower-case letters or digits)");
		roleArns("breakGlassRoleArns", breakGlassRoleArns);
	}

	static void roleArns(String key, List<String> arns) {
		check(key, arns, ROLE_ARN, ROLE_ARN_WHAT);
	}

	/**
	 * Object Lock and access logs of the quarantine buckets the stacks create: the stack
	 * cannot change a bucket it does not own.
	 */
	static void quarantine(String quarantineBucket, int quarantineLockDays, boolean quarantineAccessLogs) {
		if (quarantineLockDays < 0 || quarantineLockDays > 36500) {
			throw new IllegalArgumentException(
					"Context 'quarantineLockDays' must be 0 (no Object Lock) to 36500 days, was " + quarantineLockDays);
		}
		if (quarantineBucket != null && (quarantineLockDays > 0 || quarantineAccessLogs)) {
			throw new IllegalArgumentException("Context 'quarantineLockDays' and 'quarantineAccessLogs' apply to the"
					+ " quarantine buckets the stacks create; with 'quarantineBucket' named, set Object Lock and access"
					+ " logging on " + quarantineBucket + " yourself");
		}
	}

	static void wafLimit(int wafRequestsPer5Minutes) {
		if (wafRequestsPer5Minutes != 0
				&& (wafRequestsPer5Minutes < WAF_MIN_LIMIT || wafRequestsPer5Minutes > WAF_MAX_LIMIT)) {
			throw new IllegalArgumentException("Context 'wafRequestsPer5Minutes' must be 0 (no web ACL) or "
					+ WAF_MIN_LIMIT + " to " + WAF_MAX_LIMIT + ", was " + wafRequestsPer5Minutes);
		}
	}

	/**
	 * The metrics namespace and the alarms' thresholds, within what CloudWatch takes: an
	 * alarm looks back at most one day.
	 */
	static void monitoring(String metricsNamespace, int signatureMaxAgeHours, double errorRateAlarmPercent,
			int timeToVerdictAlarmSeconds, int stalledScanAlarmMinutes) {
		if (metricsNamespace == null || !NAMESPACE.matcher(metricsNamespace).matches()) {
			throw new IllegalArgumentException("Context 'metricsNamespace' must be a CloudWatch namespace (letters,"
					+ " digits, . - _ / # :, up to 255, not AWS/...), was " + metricsNamespace);
		}
		if (signatureMaxAgeHours < 1 || signatureMaxAgeHours > 8760) {
			throw new IllegalArgumentException(
					"Context 'signatureMaxAgeHours' must be 1 to 8760 hours, was " + signatureMaxAgeHours);
		}
		if (!(errorRateAlarmPercent > 0 && errorRateAlarmPercent <= 100)) {
			throw new IllegalArgumentException(
					"Context 'errorRateAlarmPercent' must be over 0 and at most 100, was " + errorRateAlarmPercent);
		}
		if (timeToVerdictAlarmSeconds < 1 || timeToVerdictAlarmSeconds > 86400) {
			throw new IllegalArgumentException(
					"Context 'timeToVerdictAlarmSeconds' must be 1 to 86400 seconds, was " + timeToVerdictAlarmSeconds);
		}
		if (stalledScanAlarmMinutes < 5 || stalledScanAlarmMinutes > 1440) {
			throw new IllegalArgumentException(
					"Context 'stalledScanAlarmMinutes' must be 5 to 1440 minutes, was " + stalledScanAlarmMinutes);
		}
	}

	/** The console region's protected buckets (at least one) and upload buckets. */
	static void buckets(List<String> protectedBuckets, List<String> uploadBuckets) {
		if (protectedBuckets.isEmpty()) {
			throw new IllegalArgumentException("Context 'protectedBuckets' names no bucket: nothing would be scanned");
		}
		bucketEntries("protectedBuckets", protectedBuckets);
		bucketEntries("uploadBuckets", uploadBuckets);
		if (uploadBuckets.stream().anyMatch((bucket) -> bucket.contains("*"))) {
			// The API agent may put objects there: only named buckets.
			throw new IllegalArgumentException("Context 'uploadBuckets' takes bucket names, no patterns");
		}
	}

	/**
	 * Bucket names (S3's characters; upper case and '_' only for legacy us-east-1 names)
	 * or patterns with {@code *}, which IAM, the topic policy's ArnLike and EventBridge's
	 * wildcard filter all match as "any characters". Nothing else may reach a policy: an
	 * empty entry, a space or a ',' is a mistake, not a name.
	 */
	static void bucketEntries(String key, List<String> entries) {
		for (String entry : entries) {
			if (entry == null || !BUCKET_ENTRY.matcher(entry).matches() || entry.contains("**")) {
				throw new IllegalArgumentException("Context '" + key + "' has '" + entry
						+ "', which is neither a bucket name nor a name pattern (letters, digits, '.', '-', '_' and"
						+ " single '*' wildcards, such as acme-uploads, acme-* or *)");
			}
		}
	}

	/** Key ARNs, no aliases (IAM authorizes Decrypt on the key) and no wildcards. */
	static void kmsKeys(String key, List<String> keys) {
		for (String arn : keys) {
			if (!KMS_KEY.matcher(arn).matches()) {
				throw new IllegalArgumentException("Context '" + key + "' has '" + arn
						+ "', which is no KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)");
			}
		}
	}

	static void check(String key, List<String> values, Pattern valid, String what) {
		for (String value : values) {
			if (value == null || !valid.matcher(value).matches()) {
				throw new IllegalArgumentException("Context '" + key + "' has '" + value + "', which is no " + what);
			}
		}
	}

}
