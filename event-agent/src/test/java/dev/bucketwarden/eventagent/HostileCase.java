package dev.bucketwarden.eventagent;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.tags.TaggingStatus;

/**
 * One case of the hostile-input corpus: what it writes or sends, and the outcome it must
 * have. Adding a case is adding one of these to {@link HostileCorpus}; the table in
 * docs/reliability.md lists each by its group, name and {@link Outcome#describe()}.
 *
 * @param group the group (S3 keys, sizes, content, tags, messages, versions)
 * @param name what is hostile about it
 * @param setup writes the objects and sends the message, returning what to check
 * @param outcome what must happen
 * @param note why that outcome, where it is not obvious (empty when it is)
 */
record HostileCase(String group, String name, Setup setup, Outcome outcome, String note) {

	/** The row of this case in the table of docs/reliability.md. */
	String tableRow() {
		return "| " + this.group + " | " + this.name + " | " + this.outcome.describe() + " | " + this.note + " |";
	}

	/** Writes what the case needs, through the fixture. */
	@FunctionalInterface
	interface Setup {

		Subject prepare(HostileFixture fixture) throws Exception;

	}

	/**
	 * What a case's outcome is checked on.
	 *
	 * @param versions the object versions whose records, tags and placement are checked
	 * @param message the message body sent to the scan queue, or {@code null} when the
	 * relay raised the events
	 */
	record Subject(List<Version> versions, @Nullable String message) {

		static Subject of(Version version) {
			return new Subject(List.of(version), null);
		}

		static Subject of(Version version, String message) {
			return new Subject(List.of(version), message);
		}

		static Subject message(String message) {
			return new Subject(List.of(), message);
		}

	}

	/**
	 * One object version, as the record names it.
	 *
	 * @param bucket its bucket
	 * @param key its key, decoded
	 * @param versionId its version, or {@code null} in an unversioned bucket
	 * @param eTag its ETag (or the one the event named)
	 */
	record Version(String bucket, String key, @Nullable String versionId, String eTag) {

		Version {
			eTag = eTag.replace("\"", "");
		}

	}

	/** Where an object must be once its outcome is in. */
	enum Placement {

		/** Still under its key, tagged with the verdict. */
		KEPT("kept"),

		/** Moved to the quarantine bucket, tagged there; gone from its bucket. */
		QUARANTINED("quarantined"),

		/** Not there to tag or move (deleted, overwritten, never stored). */
		ABSENT("nothing moved");

		private final String label;

		Placement(String label) {
			this.label = label;
		}

	}

	/** What must happen. */
	sealed interface Outcome permits Recorded, DeadLettered, Ignored {

		/** The outcome column of the table. */
		String describe();

	}

	/**
	 * Each version gets a final record with this result (and reason), its tags agree with
	 * it, it is where {@code placement} says, and the message is acknowledged, or after
	 * its last attempt left to the dead-letter queue.
	 *
	 * @param status the record's result
	 * @param reason what the reason contains, or {@code null} when it is not checked
	 * @param tagging the record's tagging status
	 * @param placement where the object is afterwards
	 * @param retried whether the message is retried and, after its last attempt, goes to
	 * the dead-letter queue (an Error, recorded on the last attempt, that an operator
	 * redrives once the cause is fixed)
	 */
	record Recorded(ResultStatus status, @Nullable String reason, TaggingStatus tagging, Placement placement,
			boolean retried) implements Outcome {

		Recorded(ResultStatus status, @Nullable String reason, TaggingStatus tagging, Placement placement) {
			this(status, reason, tagging, placement, false);
		}

		static Recorded errorAfterRetries(String reason) {
			return new Recorded(ResultStatus.ERROR, reason, TaggingStatus.TAGGED, Placement.KEPT, true);
		}

		static Recorded clean() {
			return new Recorded(ResultStatus.CLEAN, null, TaggingStatus.TAGGED, Placement.KEPT);
		}

		static Recorded infectedKept() {
			return new Recorded(ResultStatus.INFECTED, null, TaggingStatus.TAGGED, Placement.KEPT);
		}

		static Recorded quarantined() {
			return new Recorded(ResultStatus.INFECTED, null, TaggingStatus.TAGGED, Placement.QUARANTINED);
		}

		static Recorded unscannable(String reason) {
			return new Recorded(ResultStatus.UNSCANNABLE, reason, TaggingStatus.TAGGED, Placement.KEPT);
		}

		static Recorded skipped(String reason) {
			return new Recorded(ResultStatus.SKIPPED, reason, TaggingStatus.DISABLED, Placement.ABSENT);
		}

		Recorded withTagging(TaggingStatus tagging) {
			return new Recorded(this.status, this.reason, tagging, this.placement, this.retried);
		}

		@Override
		public String describe() {
			String result = this.status.label() + ((this.reason != null) ? " (" + this.reason + ")" : "");
			String tags = switch (this.tagging) {
				case TAGGED -> "tagged " + this.status.label();
				case DISABLED -> "not tagged";
				default -> "tags " + this.tagging.name();
			};
			return result + ", " + tags + ", " + this.placement.label + ", "
					+ (this.retried ? "retried, then dead-letter queue" : "acknowledged");
		}

	}

	/**
	 * Moved to the dead-letter queue at once, with a reason containing {@code reason};
	 * nothing read, tagged or recorded.
	 */
	record DeadLettered(String reason) implements Outcome {

		@Override
		public String describe() {
			return "dead-letter queue at once: " + this.reason;
		}

	}

	/** Acknowledged with nothing read, tagged or recorded, and not dead-lettered. */
	record Ignored(String why) implements Outcome {

		@Override
		public String describe() {
			return "ignored (" + this.why + "), acknowledged";
		}

	}

}
