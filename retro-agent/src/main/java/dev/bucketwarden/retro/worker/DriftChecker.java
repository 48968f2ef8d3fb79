package dev.bucketwarden.retro.worker;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.drift.TagCheck;
import dev.bucketwarden.agent.drift.TagComparison;
import dev.bucketwarden.agent.findings.FindingPublisher;
import dev.bucketwarden.agent.pipeline.Attempt;
import dev.bucketwarden.agent.storage.ObjectChangedException;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.retro.crawl.RetroMessage;
import dev.bucketwarden.store.drift.TagDrift;
import dev.bucketwarden.store.results.ResultStore;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * One object of a drift check: its version and ETag (from the listing, or HEAD when the
 * listing has no version), its tags (GetObjectTagging) and the record of that version and
 * ETag (one GetItem), compared. Nothing is scanned, re-tagged or moved. A drift is
 * published before it is recorded: a publish that fails leaves the object unrecorded, so
 * its message comes back and the drift is not lost (a sink may see it twice, with the
 * same id).
 */
class DriftChecker {

	private static final Logger logger = LoggerFactory.getLogger(DriftChecker.class);

	private final ObjectStore store;

	private final ResultStore results;

	private final FindingPublisher publisher;

	private final JobStore jobs;

	private final Clock clock;

	DriftChecker(ObjectStore store, ResultStore results, FindingPublisher publisher, JobStore jobs, Clock clock) {
		this.store = store;
		this.results = results;
		this.publisher = publisher;
		this.jobs = jobs;
		this.clock = clock;
	}

	/**
	 * Checks one object and counts its result into the job.
	 * @return whether it has its result (false: check it again later)
	 */
	boolean check(String jobId, RetroMessage.Target object, Attempt attempt) {
		String objectId = object.objectId();
		if (attempt.number() > 1 && this.jobs.ledger().hasObject(jobId, objectId)) {
			return true;
		}
		try {
			Optional<ObjectInfo> pinned = pin(object);
			if (pinned.isEmpty()) {
				return skipped(jobId, objectId);
			}
			ObjectInfo info = pinned.get();
			Map<String, String> tags = this.store.tags(info);
			Optional<ScanRecord> record = this.results.find(info.bucket(), info.key(), info.versionId(), info.eTag());
			switch (TagComparison.compare(tags, record)) {
				case TagCheck.Consistent consistent ->
					this.jobs.ledger().recordObject(jobId, objectId, "Consistent", counts(Counter.CONSISTENT));
				case TagCheck.Unscanned unscanned ->
					this.jobs.ledger().recordObject(jobId, objectId, "Unscanned", counts(Counter.UNSCANNED));
				case TagCheck.Drifted drifted -> report(jobId, objectId, info, drifted);
			}
			return true;
		}
		catch (ObjectChangedException ex) {
			// Deleted (or the listed version gone) since it was listed: nothing to check.
			return skipped(jobId, objectId);
		}
		catch (RuntimeException ex) {
			if (attempt.last()) {
				logger.error("Last drift check of {} in job {} failed, its message goes to the DLQ: {}", objectId,
						jobId, ex.getMessage());
				this.jobs.ledger()
					.recordObject(jobId, objectId, "Error", Map.of(Counter.SCANNED, 1L, Counter.ERRORS, 1L));
			}
			else {
				logger.warn("Drift check of {} in job {} failed (attempt {}), retried later: {}", objectId, jobId,
						attempt.number(), ex.getMessage());
			}
			return false;
		}
	}

	private void report(String jobId, String objectId, ObjectInfo info, TagCheck.Drifted drifted) {
		// The same id on every delivery of the object's message, for sinks to
		// de-duplicate.
		String id = UUID.nameUUIDFromBytes((jobId + "\n" + objectId).getBytes(StandardCharsets.UTF_8)).toString();
		TagDrift drift = new TagDrift(id, jobId, info.bucket(), info.key(), info.versionId(), info.eTag(),
				drifted.tagFound(), (drifted.recorded() != null) ? drifted.recorded().label() : null, drifted.kind(),
				this.clock.instant());
		logger.warn("Tag drift {} on s3://{}/{} version {} ETag {}: tag {}, record {} (job {})", drift.kind(),
				drift.bucket(), drift.key(), drift.versionId(), drift.eTag(), drift.tagFound(), drift.recordedResult(),
				jobId);
		this.publisher.publish(drift);
		this.jobs.ledger().recordDrift(jobId, objectId, drift, counts(Counter.DRIFT));
	}

	/**
	 * The version and ETag to check: as listed when the listing named both (all
	 * versions), otherwise what HEAD finds now, as the pipeline pins a scan.
	 */
	private Optional<ObjectInfo> pin(RetroMessage.Target object) {
		if (object.versionId() != null && object.eTag() != null) {
			return Optional
				.of(new ObjectInfo(object.bucket(), object.key(), object.versionId(), object.eTag(), -1, null));
		}
		return this.store.head(object.bucket(), object.key(), object.versionId());
	}

	private boolean skipped(String jobId, String objectId) {
		this.jobs.ledger().recordObject(jobId, objectId, "Skipped (NOT_FOUND)", counts(Counter.SKIPPED));
		return true;
	}

	private static Map<Counter, Long> counts(Counter result) {
		return Map.of(Counter.SCANNED, 1L, result, 1L);
	}

}
