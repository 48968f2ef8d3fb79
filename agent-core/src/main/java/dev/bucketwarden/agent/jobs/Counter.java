package dev.bucketwarden.agent.jobs;

/**
 * A job's counters, each an attribute of the job item that is only ever changed with
 * DynamoDB's atomic {@code ADD}, so crawlers and workers on many machines count together.
 * {@code scanned} is every queued object that has a result; it is the sum of
 * {@code clean}, {@code infected}, {@code unscannable}, {@code errors} and
 * {@code skipped} (gone before it could be scanned, or a symlink not followed).
 * {@code reused} counts the scanned objects whose existing record was current enough not
 * to scan them again.
 */
public enum Counter {

	LISTED("listed"), MATCHED("matched"), QUEUED("queued"), SCANNED("scanned"), CLEAN("clean"), INFECTED("infected"),
	UNSCANNABLE("unscannable"), ERRORS("errors"), SKIPPED("skipped"), REUSED("reused");

	private final String attribute;

	Counter(String attribute) {
		this.attribute = attribute;
	}

	public String attribute() {
		return this.attribute;
	}

}
