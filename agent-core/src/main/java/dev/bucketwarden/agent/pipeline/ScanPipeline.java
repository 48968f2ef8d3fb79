package dev.bucketwarden.agent.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.findings.FindingPublisher;
import dev.bucketwarden.agent.large.PartMessage;
import dev.bucketwarden.agent.remediation.Remediator;
import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.agent.storage.ObjectChangedException;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.agent.storage.StorageAccessDeniedException;
import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.agent.tagging.ResultTags;
import dev.bucketwarden.agent.tagging.TagWriter;
import dev.bucketwarden.agent.trust.BucketProtection;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.store.StoreException;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ResultStore;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.settings.BucketConfiguration;
import dev.bucketwarden.store.settings.BucketSettingsProvider;
import dev.bucketwarden.store.tags.TaggingStatus;

/**
 * Scans one S3 object version end to end. Every step is safe to repeat: a redelivered
 * request finds the record of its version and only finishes what an earlier attempt left
 * undone (remediation, publishing), so a crash at any point loses nothing and never scans
 * twice without need. The record is written before the tags and the remediation, and only
 * if no record that may not be replaced is there: of two scans of one version only the
 * first to record it tags, moves and publishes.
 * <p>
 * The bucket's configuration is read once per request, so one scan decides with one view
 * of it. Finding the version ({@link VersionResolver}), reading it through the chain
 * ({@link ObjectScanner}), remediating ({@link Remediator}) and finishing a recorded scan
 * ({@link ScanCompletion}) are classes of their own; this class says in which order.
 */
public class ScanPipeline {

	private static final Logger logger = LoggerFactory.getLogger(ScanPipeline.class);

	/**
	 * Objects from this size on take long enough to scan that their start is logged too;
	 * a small object gets one line, when its verdict is in.
	 */
	private static final long LONG_SCAN_BYTES = 16L << 20;

	private final ResultStore results;

	private final BucketSettingsProvider settings;

	private final BucketProtection protection;

	private final VersionResolver versions;

	private final ObjectScanner scanner;

	private final TagWriter tags;

	private final ScanCompletion completion;

	private final NotScannedRecorder notScanned;

	private final FirstCleanScan firstClean;

	private final Clock clock;

	private final ScanObserver observer;

	private final @Nullable JobStart jobStart;

	private final @Nullable PartWorker parts;

	/** Scans with the chain, or with the selection of its engines a bucket asks for. */
	public ScanPipeline(ObjectStore store, EngineChain chain, ResultStore results, FindingPublisher publisher,
			BucketSettingsProvider settings, Duration engineTimeout, Clock clock) {
		this(store, new ChainSelector(chain), results, publisher, settings, BucketProtection.bySettingsOnly(),
				engineTimeout, clock);
	}

	public ScanPipeline(ObjectStore store, ChainSelector chains, ResultStore results, FindingPublisher publisher,
			BucketSettingsProvider settings, BucketProtection protection, Duration engineTimeout, Clock clock) {
		this(store, chains, results, publisher, settings, protection, engineTimeout, clock, List.of());
	}

	/**
	 * Scans as above, and tells the observers (metrics, the verdict log) of each final
	 * verdict and each remediation.
	 */
	public ScanPipeline(ObjectStore store, ChainSelector chains, ResultStore results, FindingPublisher publisher,
			BucketSettingsProvider settings, BucketProtection protection, Duration engineTimeout, Clock clock,
			List<ScanObserver> observers) {
		this(store, chains, results, publisher, settings, protection, engineTimeout, clock, observers, null);
	}

	/**
	 * Scans as above, and scans objects larger than the chain takes whole as jobs of
	 * parts (docs/large-objects.md).
	 * @param large the jobs' store, queue, planner and part scanner, or {@code null}:
	 * such objects are Unscannable (too large)
	 */
	public ScanPipeline(ObjectStore store, ChainSelector chains, ResultStore results, FindingPublisher publisher,
			BucketSettingsProvider settings, BucketProtection protection, Duration engineTimeout, Clock clock,
			List<ScanObserver> observers, @Nullable LargeObjectJobs large) {
		this.observer = new ScanObservers(observers);
		this.results = results;
		this.settings = settings;
		this.protection = protection;
		this.versions = new VersionResolver(store);
		this.scanner = new ObjectScanner(store, chains, engineTimeout);
		this.tags = new TagWriter(store);
		this.completion = new ScanCompletion(results, publisher, this.tags, new Remediator(store), clock,
				this.observer);
		this.notScanned = new NotScannedRecorder(results, publisher, clock, this.observer);
		this.firstClean = new FirstCleanScan(results, publisher, this.tags);
		this.clock = clock;
		this.jobStart = (large != null) ? new JobStart(large, chains, clock) : null;
		this.parts = (large != null) ? new PartWorker(large, settings, chains, new JobFinisher(large.jobs(), results,
				settings, this.tags, this.completion, this.notScanned, this.observer, clock), engineTimeout, clock)
				: null;
	}

	/**
	 * Scans the target.
	 * @throws RetryableScanException when it should be tried again later (not
	 * acknowledged)
	 */
	public PipelineResult process(ScanTarget target, Attempt attempt) {
		return process(target, attempt, RescanPolicy.NEVER);
	}

	/**
	 * Scans the target, scanning it again even though this version already has a result
	 * when the policy says so (a retro rescan with newer signatures). An Error record is
	 * always scanned again.
	 * @throws RetryableScanException when it should be tried again later (not
	 * acknowledged)
	 */
	public PipelineResult process(ScanTarget target, Attempt attempt, RescanPolicy rescan) {
		try {
			return tryProcess(target, attempt, rescan);
		}
		catch (StorageException | StoreException ex) {
			throw new RetryableScanException(ex.getMessage(), ex);
		}
	}

	private PipelineResult tryProcess(ScanTarget target, Attempt attempt, RescanPolicy rescan) {
		BucketConfiguration bucket = this.settings.configuration(target.bucket());
		if (bucket.quarantine()) {
			logger.info("Ignoring {}: it is in a quarantine bucket", target.describe());
			return new PipelineResult(PipelineResult.Outcome.IGNORED, null);
		}
		String refusal = this.protection.refusal(bucket, target.account());
		if (refusal != null) {
			// Recorded, so a forged or misrouted request leaves a trace; nothing is read,
			// tagged or moved in a bucket nobody protected.
			logger.warn("Refusing {}: {}", target.describe(), refusal);
			return skip(target, refusal, PipelineResult.Outcome.NOT_PROTECTED, false);
		}
		if (target.source() != ScanSource.API && bucket.rules().skips(target.key())) {
			// Recorded, so "why was this not scanned?" has an answer; never tagged, never
			// Clean. An explicit request (API) is scanned whatever the rules say.
			logger.info("Skipped {}: excluded by the bucket's skip rules", target.describe());
			return skip(target, "excluded by the bucket's skip rules", PipelineResult.Outcome.IGNORED, true);
		}
		boolean firstLook = firstLook(target, bucket, attempt, rescan);
		try {
			VersionResolver.Resolved resolved = firstLook ? this.versions.fetch(target) : this.versions.resolve(target);
			return switch (resolved) {
				case VersionResolver.Resolved.Gone gone -> gone(target, bucket, attempt);
				case VersionResolver.Resolved.Overwritten overwritten ->
					skip(target, "overwritten since the event: no version has its ETag any more",
							PipelineResult.Outcome.SUPERSEDED, true);
				case VersionResolver.Resolved.Found found ->
					firstLook ? scan(target, new Found(found, true), bucket, attempt, null, null)
							: scanUnlessRecorded(target, found, bucket, attempt, rescan);
			};
		}
		catch (StorageAccessDeniedException ex) {
			logger.warn("Access denied to {}: {}", target.describe(), ex.getMessage());
			return this.notScanned.accessDenied(target, ex.getMessage());
		}
	}

	/**
	 * Scans one part of a large-object job from the large-object queue, and finishes the
	 * job when this part decides it.
	 * @throws RetryableScanException when it should be tried again later (not
	 * acknowledged)
	 * @throws IllegalStateException when this pipeline scans no large objects
	 */
	public PipelineResult processPart(PartMessage message, Attempt attempt) {
		if (this.parts == null) {
			throw new IllegalStateException("This agent scans no large objects (bucketwarden.large-objects.queue-url)");
		}
		try {
			return this.parts.work(message, attempt);
		}
		catch (StorageException | StoreException ex) {
			throw new RetryableScanException(ex.getMessage(), ex);
		}
	}

	/**
	 * Whether this request is the first look at its object: an S3 event delivered for the
	 * first time, with nothing asking for a rescan. Then no earlier result is looked up
	 * (there is one only after a duplicate event, and the conditional record write still
	 * finds it), and the object is found and opened in one GET. A redelivery, a retro
	 * scan (which skips what is recorded) and a rescan look first.
	 */
	private boolean firstLook(ScanTarget target, BucketConfiguration bucket, Attempt attempt, RescanPolicy rescan) {
		return attempt.number() == 1 && target.source() == ScanSource.EVENT && rescan == RescanPolicy.NEVER
				&& this.scanner.fetches(bucket);
	}

	private PipelineResult scanUnlessRecorded(ScanTarget target, VersionResolver.Resolved.Found found,
			BucketConfiguration bucket, Attempt attempt, RescanPolicy rescan) {
		ObjectInfo object = found.object();
		Optional<ScanRecord> previous = this.results.find(object.bucket(), object.key(), object.versionId(),
				object.eTag());
		String replacing = null;
		// Error records too: a Security Hub finding of an Error is resolved by the clean
		// retry that replaces it.
		ScanRecord replaced = previous.orElse(null);
		if (previous.isPresent() && previous.get().isFinal()) {
			if (!rescan.rescan(previous.get())) {
				return this.completion.carryOn(previous.get(), object, bucket, attempt);
			}
			replacing = previous.get().id();
		}
		return scan(target, new Found(found, false), bucket, attempt, replacing, replaced);
	}

	/**
	 * Streams the object through the chain, records the verdict (remediation pending),
	 * then tags, remediates and publishes.
	 * @param replacing the id of the final record a rescan replaces, or {@code null}
	 * @param replaced the version's previous record (final or not), for the findings
	 */
	private PipelineResult scan(ScanTarget target, Found found, BucketConfiguration bucket, Attempt attempt,
			String replacing, ScanRecord replaced) {
		ObjectInfo object = found.resolved().object();
		if (object.size() >= LONG_SCAN_BYTES || logger.isDebugEnabled()) {
			logger.info("Scanning {} ({} bytes, attempt {})", target.describe(), object.size(), attempt.number());
		}
		if (this.jobStart != null && this.jobStart.takes(target, object, bucket)) {
			if (found.resolved().content() != null) {
				// The first look opened the whole object: none of it is read here.
				found.resolved().content().abort();
			}
			return this.jobStart.start(target, object, bucket);
		}
		ObjectScanner.Scanned scanned;
		try {
			scanned = this.scanner.scan(target, object, found.resolved().content(), bucket);
		}
		catch (ObjectChangedException ex) {
			logger.info("Skipping {}: deleted or overwritten before it could be read", target.describe());
			return new PipelineResult(PipelineResult.Outcome.SUPERSEDED, null);
		}
		ScanReport report = scanned.report();
		Verdict verdict = report.verdict();
		ErrorRetry.beforeRecording(target, verdict, attempt);
		ResultStatus status = ResultStatus.of(verdict);
		List<String> signatures = (verdict instanceof Verdict.Infected infected) ? infected.signatures() : List.of();
		if (status == ResultStatus.INFECTED && bucket.rules().allows(scanned.sha256(), signatures)) {
			logger.info("{} is infected ({}) but allow-listed for its bucket: kept in place", target.describe(),
					signatures);
			status = ResultStatus.INFECTED_ALLOWED;
		}
		ErrorKind errorKind = (verdict instanceof Verdict.Error error) ? error.kind() : null;
		Map<String, String> ours = ResultTags.of(bucket.settings().tagSchema(), status, errorKind, this.clock.instant(),
				ResultTags.engines(report.engines()), signatures);
		TagWriter.Plan plan = this.tags.plan(object, bucket.settings().tagging(), ours);
		ScanRecord record = ScanRecords
			.of(UUID.randomUUID().toString(), object, report, status, plan.status(), plan.dropped(),
					Remediator.decide(status, plan.status(), bucket.settings()), this.clock.instant(), target.source())
			.withEventTime(target.eventTime());
		if (found.firstLook() && status == ResultStatus.CLEAN && record.remediation() == RemediationState.NONE) {
			PipelineResult result = this.firstClean.finish(object, bucket, plan, record);
			logScanned(target, object, report, result.record());
			if (result.outcome() == PipelineResult.Outcome.SCANNED && result.record() != null) {
				given(target, result.record(), report, true);
			}
			return result;
		}
		Optional<ScanRecord> standing = this.results.create(record, replacing);
		if (standing.isPresent()) {
			// A concurrent scan of this version recorded first (two events for one
			// upload): it tags, moves and publishes; this one does none of that.
			logger.info("Not recording {} as {}: a concurrent scan recorded it as {} first", target.describe(),
					status.label(), standing.get().status().label());
			return new PipelineResult(PipelineResult.Outcome.ALREADY_SCANNED, standing.get());
		}
		TaggingStatus tagged = this.tags.write(object, plan);
		if (tagged != plan.status()) {
			record = Remediator.afterTagging(record.withTagging(tagged));
			this.results.update(record);
		}
		logScanned(target, object, report, record);
		// Final once tagged: what remediation and publishing do next may be retried, but
		// never change the verdict, and a redelivery finds it recorded (not told again).
		given(target, record, report, true);
		PipelineResult result = this.completion.finish(record, object, bucket, PipelineResult.Outcome.SCANNED,
				replaced);
		ErrorRetry.afterRecording(target, record);
		return result;
	}

	private static void logScanned(ScanTarget target, ObjectInfo object, ScanReport report, ScanRecord record) {
		logger.info("Scanned {} ({} bytes): {} {} in {} ms; tags {}", target.describe(), object.size(),
				record.status().label(), record.signatures(), report.duration().toMillis(), record.tagging());
		if (!report.optionalFailures().isEmpty()) {
			logger.warn("Scanned {} without optional engines that failed: {}", target.describe(),
					record.optionalFailures()
						.stream()
						.map((engine) -> engine.engineId() + " (" + engine.detail() + ")")
						.toList());
		}
	}

	/**
	 * The object is gone. If an earlier attempt recorded it, that record stands (it is
	 * finished if it is not); otherwise the skip is recorded.
	 */
	private PipelineResult gone(ScanTarget target, BucketConfiguration bucket, Attempt attempt) {
		if (target.eTag() != null) {
			Optional<ScanRecord> previous = this.results.find(target.bucket(), target.key(), target.versionId(),
					target.eTag());
			if (previous.isPresent() && previous.get().isFinal()) {
				// Quarantined or deleted by an earlier attempt (a redelivery changes
				// nothing), or removed by somebody: what is left is at most to say how it
				// ended.
				return this.completion.carryOn(previous.get(), null, bucket, attempt);
			}
		}
		logger.info("Skipped {}: not found", target.describe());
		return skip(target, "not found", PipelineResult.Outcome.NOT_FOUND, true);
	}

	private PipelineResult skip(ScanTarget target, String reason, PipelineResult.Outcome outcome,
			boolean protectedBucket) {
		return this.notScanned.skip(target, reason, outcome, protectedBucket);
	}

	/** The one place a verdict is final: observers are told, once. */
	private void given(ScanTarget target, ScanRecord record, @Nullable ScanReport report, boolean protectedBucket) {
		this.observer.verdict(new FinalVerdict(target, record, report, this.clock.instant(), protectedBucket));
	}

	/**
	 * The version to scan, and whether this is the first look at it (see
	 * {@link #firstLook}).
	 */
	private record Found(VersionResolver.Resolved.Found resolved, boolean firstLook) {
	}

}
