package dev.bucketwarden.agent.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.remediation.Remediator;
import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.tagging.ResultTags;
import dev.bucketwarden.agent.tagging.TagWriter;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.store.large.DynamoDbLargeScanJobs;
import dev.bucketwarden.store.large.JobState;
import dev.bucketwarden.store.large.LargeScanJob;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ResultStore;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.settings.BucketConfiguration;
import dev.bucketwarden.store.settings.BucketSettingsProvider;
import dev.bucketwarden.store.tags.TaggingStatus;

/**
 * Finishes a decided large-object job the way the pipeline finishes a scan: the record
 * (with the job's record id and coverage, only if no final record stands), the tags, then
 * remediation and publishing through {@link ScanCompletion}; the observers are told once,
 * by the finisher that created the record. A superseded job is recorded Skipped, never
 * tagged. The job is {@code FINISHED} last, so a finisher that dies midway leaves it to
 * the next one, which carries on from the record.
 */
final class JobFinisher {

	private static final Logger logger = LoggerFactory.getLogger(JobFinisher.class);

	static final String CHANGED = "changed during the scan";

	private final DynamoDbLargeScanJobs jobs;

	private final ResultStore results;

	private final BucketSettingsProvider settings;

	private final TagWriter tags;

	private final ScanCompletion completion;

	private final NotScannedRecorder notScanned;

	private final ScanObserver observer;

	private final Clock clock;

	JobFinisher(DynamoDbLargeScanJobs jobs, ResultStore results, BucketSettingsProvider settings, TagWriter tags,
			ScanCompletion completion, NotScannedRecorder notScanned, ScanObserver observer, Clock clock) {
		this.jobs = jobs;
		this.results = results;
		this.settings = settings;
		this.tags = tags;
		this.completion = completion;
		this.notScanned = notScanned;
		this.observer = observer;
		this.clock = clock;
	}

	PipelineResult finish(LargeScanJob job) {
		ScanTarget target = new ScanTarget(job.bucket(), job.key(), job.versionId(), job.eTag(), job.source());
		if (job.state() == JobState.SUPERSEDED) {
			logger.info("Skipped {}: {}", target.describe(), CHANGED);
			PipelineResult skipped = this.notScanned.skip(target, CHANGED, PipelineResult.Outcome.SUPERSEDED, true);
			this.jobs.markFinished(job, this.clock.instant());
			return skipped;
		}
		BucketConfiguration bucket = this.settings.configuration(job.bucket());
		ObjectInfo object = new ObjectInfo(job.bucket(), job.key(), job.versionId(), job.eTag(), job.size(), null);
		Optional<ScanRecord> standing = this.results.find(job.bucket(), job.key(), job.versionId(), job.eTag());
		if (standing.isPresent() && standing.get().id().equals(job.recordId())) {
			// An earlier finisher recorded it and stopped: carry on from the record.
			ScanRecord previous = standing.get();
			if (!previous.published()
					&& (previous.tagging() == TaggingStatus.TAGGED || previous.tagging() == TaggingStatus.PARTIAL)) {
				this.tags.rewrite(object, previous, bucket.settings().tagSchema());
			}
			PipelineResult result = this.completion.finish(previous, object, bucket,
					PipelineResult.Outcome.ALREADY_SCANNED);
			this.jobs.markFinished(job, this.clock.instant());
			return result;
		}
		if (standing.isPresent() && standing.get().isFinal()) {
			return stands(job, target, standing.get());
		}
		ScanRecord record = record(job, bucket);
		TagWriter.Plan plan = this.tags.plan(object, bucket.settings().tagging(),
				ResultTags.of(bucket.settings().tagSchema(), record.status(),
						(job.errorKind() != null) ? ErrorKind.valueOf(job.errorKind()) : null, record.scannedAt(),
						ResultTags.engineLabels(record), record.signatures()));
		record = record.withTagging(plan.status())
			.withRemediation(Remediator.decide(record.status(), plan.status(), bucket.settings()), null);
		if (!plan.dropped().isEmpty()) {
			record = withDropped(record, plan);
		}
		Optional<ScanRecord> other = this.results.create(record, null);
		if (other.isPresent()) {
			return stands(job, target, other.get());
		}
		TaggingStatus tagged = this.tags.write(object, plan);
		if (tagged != plan.status()) {
			record = Remediator.afterTagging(record.withTagging(tagged));
			this.results.update(record);
		}
		logger.info("Scanned {} ({} bytes) in {} parts of {}: {} {}", target.describe(), job.size(), job.parts(),
				job.coverage().kind(), record.status().label(), record.signatures());
		this.observer.verdict(new FinalVerdict(target, record, null, this.clock.instant(), true));
		PipelineResult result = this.completion.finish(record, object, bucket, PipelineResult.Outcome.SCANNED);
		this.jobs.markFinished(job, this.clock.instant());
		return result;
	}

	private PipelineResult stands(LargeScanJob job, ScanTarget target, ScanRecord standing) {
		logger.info("Not recording the job of {}: {} is recorded already", target.describe(),
				standing.status().label());
		this.jobs.markFinished(job, this.clock.instant());
		return new PipelineResult(PipelineResult.Outcome.ALREADY_SCANNED, standing);
	}

	private ScanRecord record(LargeScanJob job, BucketConfiguration bucket) {
		ResultStatus status = switch (job.state()) {
			case CLEAN -> ResultStatus.CLEAN;
			// The allow-list's digests are never computed for parts: only its signature
			// names can match.
			case INFECTED ->
				bucket.rules().allows(null, job.signatures()) ? ResultStatus.INFECTED_ALLOWED : ResultStatus.INFECTED;
			case UNSCANNABLE -> ResultStatus.UNSCANNABLE;
			case ERROR -> ResultStatus.ERROR;
			case RUNNING, SUPERSEDED, FINISHED -> throw new IllegalStateException("Not a verdict: " + job.state());
		};
		Instant at = job.updatedAt();
		return new ScanRecord(job.recordId(), job.bucket(), job.key(), job.versionId(), job.eTag(), job.size(), status,
				job.reason(), job.errorKind(), job.signatures(), job.engines(), at,
				Duration.between(job.createdAt(), at), TaggingStatus.DISABLED, RemediationState.NONE, null, false,
				job.source(), List.of(), null, job.coverage());
	}

	private static ScanRecord withDropped(ScanRecord record, TagWriter.Plan plan) {
		return new ScanRecord(record.id(), record.bucket(), record.key(), record.versionId(), record.eTag(),
				record.size(), record.status(), record.reason(), record.errorKind(), record.signatures(),
				record.engines(), record.scannedAt(), record.scanDuration(), record.tagging(), record.remediation(),
				record.quarantineLocation(), record.published(), record.source(), plan.dropped(), record.eventTime(),
				record.coverage());
	}

}
