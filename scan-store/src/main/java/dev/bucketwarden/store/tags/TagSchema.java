package dev.bucketwarden.store.tags;

/** Which tags a bucket's scanned objects get. */
public enum TagSchema {

	/**
	 * {@code scan-result}, {@code scan-date}, {@code scan-engines}, {@code virus-name}.
	 */
	DEFAULT,

	/**
	 * {@code GuardDutyMalwareScanStatus}, as GuardDuty Malware Protection for S3 writes
	 * it.
	 */
	GUARDDUTY

}
