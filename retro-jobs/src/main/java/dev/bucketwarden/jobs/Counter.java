package dev.bucketwarden.jobs;

/**
 * A job's counters, each an attribute of the job item that is only ever changed with
 * DynamoDB's atomic {@code ADD}, so crawlers and workers on many machines count together.
 * {@code scanned} is every queued object that has a result; it is the sum of
 * {@code clean}, {@code infected}, {@code unscannable}, {@code errors} and
 * {@code skipped} (gone before it could be scanned, or a symlink not followed).
 * {@code reused} counts the scanned objects whose existing record was current enough not
 * to scan them again.
 * <p>
 * A drift check counts each checked object in {@code scanned} too (it has its result),
 * with exactly one of {@code consistent} (its result tag agrees with its record, or it
 * has neither a record nor a result tag to disagree), {@code unscanned} (no record and no
 * result tag: never scanned, or scanned before results were recorded), {@code drift} (tag
 * and record disagree), {@code skipped} (gone before it could be checked) or
 * {@code errors} (it could not be checked).
 */
public enum Counter {

	LISTED("listed"), MATCHED("matched"), QUEUED("queued"), SCANNED("scanned"), CLEAN("clean"), INFECTED("infected"),
	UNSCANNABLE("unscannable"), ERRORS("errors"), SKIPPED("skipped"), REUSED("reused"), CONSISTENT("consistent"),
	UNSCANNED("unscanned"), DRIFT("drift");

	private final String attribute;

	Counter(String attribute) {
		this.attribute = attribute;
	}

	public String attribute() {
		return this.attribute;
	}

}
