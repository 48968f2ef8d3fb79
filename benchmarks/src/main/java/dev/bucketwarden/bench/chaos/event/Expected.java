package dev.bucketwarden.bench.chaos.event;

/**
 * What a version's content is, so what its only acceptable verdict is: the label the
 * results table, the tags and the findings use.
 */
enum Expected {

	CLEAN("Clean"), INFECTED("Infected"), UNSCANNABLE("Unscannable");

	private final String label;

	Expected(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

}
