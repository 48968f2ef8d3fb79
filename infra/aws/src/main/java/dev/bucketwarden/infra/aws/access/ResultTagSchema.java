package dev.bucketwarden.infra.aws.access;

/**
 * The two tag schemas the agents write (a bucket setting): ours, and GuardDuty Malware
 * Protection's, so rules written for GuardDuty keep working. Each has one key with the
 * verdict and one value that means clean (architecture: results vocabulary).
 */
public enum ResultTagSchema {

	DEFAULT("scan-result", "Clean"),

	GUARD_DUTY("GuardDutyMalwareScanStatus", "NO_THREATS_FOUND");

	private final String verdictKey;

	private final String cleanValue;

	ResultTagSchema(String verdictKey, String cleanValue) {
		this.verdictKey = verdictKey;
		this.cleanValue = cleanValue;
	}

	public String verdictKey() {
		return this.verdictKey;
	}

	public String cleanValue() {
		return this.cleanValue;
	}

}
