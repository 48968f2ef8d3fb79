package dev.bucketwarden.agent.pipeline;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.large.Part;
import dev.bucketwarden.agent.large.PartMessage;
import dev.bucketwarden.agent.storage.ObjectChangedException;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.ScanLimits;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.store.large.JobState;
import dev.bucketwarden.store.large.LargeScanJob;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.settings.BucketConfiguration;
import dev.bucketwarden.store.settings.BucketSettingsProvider;

/**
 * Scans one part of a large-object job (docs/large-objects.md, "The job"). A part of a
 * decided job is never scanned; a part already done is not scanned again. Clean adds the
 * part to the job, and the update that makes every part done decides Clean; Infected and
 * Unscannable decide at once; an Error is retried through the queue until the last
 * attempt, which decides Error; a version that changed decides Superseded. The worker
 * that decides finishes ({@link JobFinisher}); another worker that meets a decided job
 * leaves it to that one, unless the decision is older than the takeover time.
 */
final class PartWorker {

	private static final Logger logger = LoggerFactory.getLogger(PartWorker.class);

	private final LargeObjectJobs large;

	private final BucketSettingsProvider settings;

	private final ChainSelector chains;

	private final JobFinisher finisher;

	private final Duration engineTimeout;

	private final Clock clock;

	PartWorker(LargeObjectJobs large, BucketSettingsProvider settings, ChainSelector chains, JobFinisher finisher,
			Duration engineTimeout, Clock clock) {
		this.large = large;
		this.settings = settings;
		this.chains = chains;
		this.finisher = finisher;
		this.engineTimeout = engineTimeout;
		this.clock = clock;
	}

	PipelineResult work(PartMessage message, Attempt attempt) {
		Optional<LargeScanJob> found = this.large.jobs()
			.find(message.bucket(), message.key(), message.versionId(), message.eTag());
		if (found.isEmpty()) {
			// Messages are sent only after their job was created: it was removed since.
			logger.warn("Dropping {}: its job is gone", message.describe());
			return part(null);
		}
		LargeScanJob job = found.get();
		int index = message.part().index();
		if (job.state() == JobState.FINISHED) {
			return part(null);
		}
		if (job.state().decided()) {
			return decided(job, index, attempt);
		}
		if (job.done().contains(index)) {
			// A duplicate, or the redelivery of a part whose worker died after adding it.
			return job.allDone() ? decide(job, clean(index), attempt) : part(null);
		}
		BucketConfiguration bucket = this.settings.configuration(job.bucket());
		EngineChain chain = switch (this.chains.select(bucket)) {
			case ChainSelector.Selection.NotConfigured notConfigured -> {
				logger.warn("Not scanning {}: {}", message.describe(), notConfigured.reason());
				yield null;
			}
			case ChainSelector.Selection.Selected selected -> selected.chain();
		};
		if (chain == null) {
			return decide(job, error(index, "configuration", "CONFIGURATION", List.of()), attempt);
		}
		ScanReport report;
		try {
			report = scan(job, message.part(), chain);
		}
		catch (ObjectChangedException ex) {
			logger.info("{} was overwritten or deleted during its scan", message.describe());
			return decide(job, new LargeScanJob.Decision(JobState.SUPERSEDED, index, List.of(), List.of(),
					JobFinisher.CHANGED, null), attempt);
		}
		catch (UncheckedIOException ex) {
			throw new RetryableScanException("Scanning " + message.describe() + " failed: " + ex.getMessage(), ex);
		}
		List<ScanRecord.EngineRecord> engines = ScanRecords.engines(report);
		return switch (report.verdict()) {
			case Verdict.Clean clean -> done(job, message, engines, attempt);
			case Verdict.Infected infected -> decide(job, new LargeScanJob.Decision(JobState.INFECTED, index,
					infected.signatures(), engines, String.join(", ", infected.signatures()), null), attempt);
			case Verdict.Unscannable unscannable -> decide(job, new LargeScanJob.Decision(JobState.UNSCANNABLE, index,
					List.of(), engines, unscannable.reason() + ": " + unscannable.detail(), null), attempt);
			case Verdict.Error error -> {
				if (ErrorRetry.retryable(error.kind()) && !attempt.last()) {
					throw new RetryableScanException("Scan of " + message.describe() + " failed (attempt "
							+ attempt.number() + " of " + attempt.maxAttempts() + "): " + error.message(),
							error.cause());
				}
				yield decide(job, error(index, error.message(), error.kind().name(), engines), attempt);
			}
		};
	}

	private ScanReport scan(LargeScanJob job, Part part, EngineChain chain) {
		ObjectInfo pinned = new ObjectInfo(job.bucket(), job.key(), job.versionId(), job.eTag(), job.size(), null);
		logger.info("Scanning s3://{}/{} (version {}) part {} of {}: bytes {} to {}", job.bucket(), job.key(),
				job.versionId(), part.index(), job.parts(), part.start(), part.end());
		return this.large.scanner().scan(pinned, part, chain, new ScanLimits(part.length(), this.engineTimeout));
	}

	private PipelineResult done(LargeScanJob job, PartMessage message, List<ScanRecord.EngineRecord> engines,
			Attempt attempt) {
		int index = message.part().index();
		Optional<LargeScanJob> added = this.large.jobs()
			.addDone(job, index, message.part().length(), this.clock.instant());
		if (added.isPresent()) {
			LargeScanJob now = added.get();
			return now.allDone() ? decide(now,
					new LargeScanJob.Decision(JobState.CLEAN, index, List.of(), engines, null, null), attempt)
					: part(null);
		}
		// Not added: a duplicate got there first, or the job was decided meanwhile.
		LargeScanJob now = this.large.jobs().find(job.bucket(), job.key(), job.versionId(), job.eTag()).orElse(job);
		if (now.state().decided()) {
			return decided(now, index, attempt);
		}
		return now.allDone() ? decide(now, clean(index), attempt) : part(null);
	}

	private PipelineResult decide(LargeScanJob job, LargeScanJob.Decision decision, Attempt attempt) {
		boolean decided = this.large.jobs().decide(job, decision, this.clock.instant());
		LargeScanJob now = this.large.jobs().find(job.bucket(), job.key(), job.versionId(), job.eTag()).orElse(job);
		if (decided) {
			logger.info("Decided s3://{}/{} (version {}): {} by part {}", job.bucket(), job.key(), job.versionId(),
					decision.state(), decision.part());
			return this.finisher.finish(now);
		}
		return now.state().decided() ? decided(now, decision.part(), attempt) : part(null);
	}

	/**
	 * A decided job met by a part's message: the deciding part's message finishes it (its
	 * worker may have died before it did); any other leaves it to that one, unless the
	 * decision is older than the takeover time or this is the message's last attempt.
	 */
	private PipelineResult decided(LargeScanJob job, int index, Attempt attempt) {
		boolean decider = job.decidedBy() != null && job.decidedBy() == index;
		boolean stale = job.updatedAt().isBefore(this.clock.instant().minus(this.large.takeoverAfter()));
		if (decider || stale || attempt.last()) {
			return this.finisher.finish(job);
		}
		return part(null);
	}

	private static LargeScanJob.Decision clean(int index) {
		return new LargeScanJob.Decision(JobState.CLEAN, index, List.of(), List.of(), null, null);
	}

	private static LargeScanJob.Decision error(int index, String message, String kind,
			List<ScanRecord.EngineRecord> engines) {
		return new LargeScanJob.Decision(JobState.ERROR, index, List.of(), engines, kind + ": " + message, kind);
	}

	private static PipelineResult part(ScanRecord record) {
		return new PipelineResult(PipelineResult.Outcome.LARGE_OBJECT_PART, record);
	}

}
