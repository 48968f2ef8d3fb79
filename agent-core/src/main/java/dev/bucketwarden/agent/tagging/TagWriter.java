package dev.bucketwarden.agent.tagging;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.storage.ObjectChangedException;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.agent.storage.StorageAccessDeniedException;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.tags.TagKeys;
import dev.bucketwarden.store.tags.TagSchema;
import dev.bucketwarden.store.tags.TaggingStatus;

/**
 * Writes our result tags onto exactly the scanned version, in two steps: {@link #plan}
 * reads the object's tags and decides the new set before the verdict is recorded (so the
 * record says what the tags will be), {@link #write} writes it once the record stands, so
 * a scan that lost the race to record a version never tags it.
 */
public class TagWriter {

	private static final Logger logger = LoggerFactory.getLogger(TagWriter.class);

	private final ObjectStore store;

	public TagWriter(ObjectStore store) {
		this.store = store;
	}

	/** What the object's tags will be, given ours for its verdict. */
	public Plan plan(ObjectInfo object, boolean tagging, Map<String, String> ours) {
		if (!tagging) {
			return new Plan(TaggingStatus.DISABLED, null);
		}
		try {
			ObjectInfo now = object;
			if (object.versionId() == null) {
				Optional<ObjectInfo> current = this.store.current(object);
				if (current.isEmpty()) {
					return new Plan(TaggingStatus.SUPERSEDED, null);
				}
				now = current.get();
			}
			// An object S3 says has no tags has none to keep: not read.
			Map<String, String> existing = now.knownUntagged() ? Map.of() : this.store.tags(object);
			ResultTags.TagMerge merge = ResultTags.merge(existing, ours);
			return new Plan(status(merge), merge);
		}
		catch (ObjectChangedException ex) {
			return new Plan(TaggingStatus.SUPERSEDED, null);
		}
		catch (StorageAccessDeniedException ex) {
			logger.warn("Not allowed to read the tags of s3://{}/{}: {}", object.bucket(), object.key(),
					ex.getMessage());
			return new Plan(TaggingStatus.FAILED, null);
		}
	}

	/**
	 * Writes the tags of a recorded result again, for a writer that may have stopped
	 * between recording and tagging (nothing is written when they are already there).
	 * @return the status the record has, or what went wrong instead
	 */
	public TaggingStatus rewrite(ObjectInfo object, ScanRecord record, TagSchema schema) {
		ErrorKind errorKind = (record.errorKind() != null) ? ErrorKind.valueOf(record.errorKind()) : null;
		ResultTags.TagMerge merge = ResultTags.merge(this.store.tags(object), ResultTags.of(schema, record.status(),
				errorKind, record.scannedAt(), ResultTags.engineLabels(record), record.signatures()));
		return write(object, new Plan(record.tagging(), merge));
	}

	/**
	 * Writes the planned set when it differs from the object's: earlier copies of our
	 * keys go even when none of ours fit.
	 * @return the planned status, or what went wrong instead
	 */
	public TaggingStatus write(ObjectInfo object, Plan plan) {
		if (plan.merge() == null || !plan.merge().changed()) {
			return plan.status();
		}
		try {
			this.store.putTags(object, plan.merge().tags());
			if (!plan.merge().dropped().isEmpty()) {
				logger.warn("Tagged s3://{}/{} without {}: the user's tags leave no room within S3's limit of {}",
						object.bucket(), object.key(), plan.merge().dropped(), TagKeys.S3_MAX_TAGS);
			}
			return plan.status();
		}
		catch (ObjectChangedException ex) {
			return TaggingStatus.SUPERSEDED;
		}
		catch (StorageAccessDeniedException ex) {
			logger.warn("Not allowed to tag s3://{}/{}: {}", object.bucket(), object.key(), ex.getMessage());
			return TaggingStatus.FAILED;
		}
	}

	private static TaggingStatus status(ResultTags.TagMerge merge) {
		if (!merge.hasResult()) {
			return TaggingStatus.MAX_TAG_LIMIT_EXCEEDED;
		}
		return merge.dropped().isEmpty() ? TaggingStatus.TAGGED : TaggingStatus.PARTIAL;
	}

	/**
	 * The tags decided for a verdict.
	 *
	 * @param status what the record will say about them
	 * @param merge the new tag set, or {@code null} when nothing is to be written
	 */
	public record Plan(TaggingStatus status, ResultTags.TagMerge merge) {

		/** Our keys that will not fit beside the user's. */
		public List<String> dropped() {
			return (this.merge != null) ? this.merge.dropped() : List.of();
		}

	}

}
