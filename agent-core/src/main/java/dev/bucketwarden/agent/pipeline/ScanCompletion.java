package dev.bucketwarden.agent.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.findings.FindingPublisher;
import dev.bucketwarden.agent.remediation.Remediator;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.tagging.TagWriter;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStore;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.settings.BucketConfiguration;
import dev.bucketwarden.store.tags.TaggingStatus;

/**
 * Finishes a recorded scan: remediation, then publishing, whichever of them is not done
 * yet, each written to the record as soon as it is done. A fresh scan comes here straight
 * after recording; a redelivery, or a second event for one upload, comes here to finish
 * what the record's writer left undone, unless that writer is still at it.
 */
final class ScanCompletion {

	private static final Logger logger = LoggerFactory.getLogger(ScanCompletion.class);

	/**
	 * An unfinished record younger than this, met by a first delivery, is being finished
	 * by the delivery that wrote it (which stays unacknowledged until then); an older
	 * one, or any met by a redelivery, is finished here.
	 */
	static final Duration TAKEOVER_AFTER = Duration.ofMinutes(15);

	private final ResultStore results;

	private final FindingPublisher publisher;

	private final TagWriter tags;

	private final Remediator remediator;

	private final Clock clock;

	private final ScanObserver observer;

	ScanCompletion(ResultStore results, FindingPublisher publisher, TagWriter tags, Remediator remediator, Clock clock,
			ScanObserver observer) {
		this.observer = observer;
		this.results = results;
		this.publisher = publisher;
		this.tags = tags;
		this.remediator = remediator;
		this.clock = clock;
	}

	/**
	 * This version already has a final record: a redelivery, or a second event for one
	 * upload. Finishes what its writer left undone, unless that writer is still at it.
	 * @param object the object, or {@code null} when it is gone (quarantined or deleted)
	 */
	PipelineResult carryOn(ScanRecord previous, ObjectInfo object, BucketConfiguration bucket, Attempt attempt) {
		if (!previous.unfinished()) {
			return new PipelineResult(PipelineResult.Outcome.ALREADY_SCANNED, previous);
		}
		if (attempt.number() == 1 && previous.scannedAt().isAfter(this.clock.instant().minus(TAKEOVER_AFTER))) {
			// The delivery that wrote it stays unacknowledged until it is done, and comes
			// back (as a redelivery) if its agent dies.
			logger.info("s3://{}/{} was recorded moments ago and is being finished by the delivery that recorded it",
					previous.bucket(), previous.key());
			return new PipelineResult(PipelineResult.Outcome.ALREADY_SCANNED, previous);
		}
		if (object != null && !previous.published()
				&& (previous.tagging() == TaggingStatus.TAGGED || previous.tagging() == TaggingStatus.PARTIAL)) {
			// The writer may have stopped between recording and tagging: tag again (no
			// write when the tags are already there).
			this.tags.rewrite(object, previous, bucket.settings().tagSchema());
		}
		return finish(previous, object, bucket, PipelineResult.Outcome.ALREADY_SCANNED);
	}

	/**
	 * Completes remediation and publishing, whichever of them an earlier attempt left
	 * undone.
	 * @param object the object, or {@code null} when it is gone
	 */
	PipelineResult finish(ScanRecord scanned, ObjectInfo object, BucketConfiguration bucket,
			PipelineResult.Outcome outcome) {
		return finish(scanned, object, bucket, outcome, null);
	}

	/**
	 * As
	 * {@link #finish(ScanRecord, ObjectInfo, BucketConfiguration, PipelineResult.Outcome)},
	 * telling the findings which record this one replaced (a later attempt that finishes
	 * the publishing no longer knows it, and publishes the record alone).
	 * @param replaced the version's previous record, or {@code null}
	 */
	PipelineResult finish(ScanRecord scanned, ObjectInfo object, BucketConfiguration bucket,
			PipelineResult.Outcome outcome, ScanRecord replaced) {
		ScanRecord record = scanned;
		Optional<ScanRecord> remediated;
		try {
			remediated = this.remediator.complete(record, object, bucket.settings());
		}
		catch (RuntimeException ex) {
			this.observer.remediation(bucket.settings().remediation(), ScanObserver.RemediationOutcome.FAILED);
			throw ex;
		}
		if (remediated.isPresent()) {
			record = remediated.get();
			this.observer.remediation(bucket.settings().remediation(),
					(record.remediation() == RemediationState.SUPERSEDED) ? ScanObserver.RemediationOutcome.SUPERSEDED
							: ScanObserver.RemediationOutcome.DONE);
			if (!this.results.update(record)) {
				return replaced(record, outcome);
			}
		}
		if (!record.published()) {
			this.publisher.publish(record, replaced);
			record = record.withPublished();
			if (!this.results.update(record)) {
				return replaced(record, outcome);
			}
		}
		return new PipelineResult(outcome, record);
	}

	private PipelineResult replaced(ScanRecord record, PipelineResult.Outcome outcome) {
		logger.info("The record of s3://{}/{} was replaced by a rescan meanwhile: that one stands", record.bucket(),
				record.key());
		return new PipelineResult(outcome, record);
	}

}
