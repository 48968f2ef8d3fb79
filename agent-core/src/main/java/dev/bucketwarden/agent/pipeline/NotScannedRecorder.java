package dev.bucketwarden.agent.pipeline;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import dev.bucketwarden.agent.findings.FindingPublisher;
import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.store.results.ResultStore;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * Records a request that was not scanned, so "why was this not scanned?" always has an
 * answer, without ever replacing a record the version has already.
 */
final class NotScannedRecorder {

	private final ResultStore results;

	private final FindingPublisher publisher;

	private final Clock clock;

	private final ScanObserver observer;

	NotScannedRecorder(ResultStore results, FindingPublisher publisher, Clock clock, ScanObserver observer) {
		this.results = results;
		this.publisher = publisher;
		this.clock = clock;
		this.observer = observer;
	}

	/**
	 * Records a skip (never tagged, never published), unless a record stands; a skip
	 * recorded here is a final verdict (Skipped).
	 * @param protectedBucket whether the bucket was found protected
	 */
	PipelineResult skip(ScanTarget target, String reason, PipelineResult.Outcome outcome, boolean protectedBucket) {
		ScanRecord skipped = ScanRecords.skipped(UUID.randomUUID().toString(), target, reason, this.clock.instant());
		Optional<ScanRecord> standing = this.results.create(skipped, null);
		if (standing.isEmpty()) {
			this.observer.verdict(new FinalVerdict(target, skipped, null, skipped.scannedAt(), protectedBucket));
		}
		return new PipelineResult(outcome, standing.orElse(skipped));
	}

	/**
	 * Records and publishes an access-denied Error, which a person must fix, unless a
	 * record stands.
	 */
	PipelineResult accessDenied(ScanTarget target, String message) {
		ScanRecord record = ScanRecords.accessDenied(UUID.randomUUID().toString(), target, message,
				this.clock.instant());
		Optional<ScanRecord> standing = this.results.create(record, null);
		if (standing.isPresent()) {
			return new PipelineResult(PipelineResult.Outcome.ALREADY_SCANNED, standing.get());
		}
		this.observer.verdict(new FinalVerdict(target, record, null, record.scannedAt(), true));
		this.publisher.publish(record);
		record = record.withPublished();
		this.results.update(record);
		return new PipelineResult(PipelineResult.Outcome.SCANNED, record);
	}

}
