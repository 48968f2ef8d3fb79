package dev.bucketwarden.store.results;

import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.Verdict;

/**
 * The project's one results vocabulary, with its GuardDuty-compatible values. Only
 * {@link #CLEAN} is ever written as the clean value.
 */
public enum ResultStatus {

	CLEAN("Clean", "NO_THREATS_FOUND"),

	INFECTED("Infected", "THREATS_FOUND"),

	/**
	 * Infected, but on the bucket's allow-list of known false positives: left in place.
	 */
	INFECTED_ALLOWED("InfectedAllowed", "THREATS_FOUND"),

	UNSCANNABLE("Unscannable", "UNSUPPORTED"),

	ERROR("Error", "FAILED"),

	/**
	 * Not scanned because there was nothing to scan (deleted before the scan). Never a
	 * tag.
	 */
	SKIPPED("Skipped", null);

	private final String label;

	private final String guardDutyValue;

	ResultStatus(String label, String guardDutyValue) {
		this.label = label;
		this.guardDutyValue = guardDutyValue;
	}

	public String label() {
		return this.label;
	}

	/** The GuardDuty tag value; access denied has a value of its own. */
	public String guardDutyValue(ErrorKind errorKind) {
		if (this == ERROR && errorKind == ErrorKind.ACCESS_DENIED) {
			return "ACCESS_DENIED";
		}
		return this.guardDutyValue;
	}

	public static ResultStatus of(Verdict verdict) {
		return switch (verdict) {
			case Verdict.Clean clean -> CLEAN;
			case Verdict.Infected infected -> INFECTED;
			case Verdict.Unscannable unscannable -> UNSCANNABLE;
			case Verdict.Error error -> ERROR;
		};
	}

	public static ResultStatus fromLabel(String label) {
		for (ResultStatus status : values()) {
			if (status.label.equals(label)) {
				return status;
			}
		}
		throw new IllegalArgumentException("Unknown result " + label);
	}

}
