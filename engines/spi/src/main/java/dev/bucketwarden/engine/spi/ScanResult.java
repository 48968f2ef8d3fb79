package dev.bucketwarden.engine.spi;

/** The result categories of the project's one results vocabulary (see README). */
public enum ScanResult {

	CLEAN("Clean"), INFECTED("Infected"), UNSCANNABLE("Unscannable"), ERROR("Error");

	private final String label;

	ScanResult(String label) {
		this.label = label;
	}

	/** The value written to tags, records and findings. */
	public String label() {
		return this.label;
	}

}
