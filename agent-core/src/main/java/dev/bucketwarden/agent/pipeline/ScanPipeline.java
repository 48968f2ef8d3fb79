package dev.bucketwarden.agent.pipeline;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.findings.FindingPublisher;
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
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanLimits;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.store.StoreException;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ResultStore;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.settings.BucketRules;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.BucketSettingsProvider;
import dev.bucketwarden.store.tags.TaggingStatus;

/**
 * Scans one S3 object version end to end. Every step is safe to repeat: a redelivered
 * request finds the record of its version and only finishes what an earlier attempt left
 * undone (remediation, publishing), so a crash at any point loses nothing and never scans
 * twice without need. The record is written before the tags and the remediation, and only
 * if no record that may not be replaced is there: of two scans of one version only the
 * first to record it tags, moves and publishes.
 */
public class ScanPipeline {

	private static final Logger logger = LoggerFactory.getLogger(ScanPipeline.class);

	/** How many versions of a key are searched for the one an event's ETag names. */
	private static final int MAX_VERSIONS_SEARCHED = 1000;

	/**
	 * An unfinished record younger than this, met by a first delivery, is being finished
	 * by the delivery that wrote it (which stays unacknowledged until then); an older
	 * one, or any met by a redelivery, is finished here.
	 */
	static final Duration TAKEOVER_AFTER = Duration.ofMinutes(15);

	private final ObjectStore store;

	private final ChainSelector chains;

	private final ResultStore results;

	private final FindingPublisher publisher;

	private final BucketSettingsProvider settings;

	private final BucketProtection protection;

	private final TagWriter tags;

	private final Remediator remediator;

	private final Duration engineTimeout;

	private final Clock clock;

	/** Scans with the chain, or with the selection of its engines a bucket asks for. */
	public ScanPipeline(ObjectStore store, EngineChain chain, ResultStore results, FindingPublisher publisher,
			BucketSettingsProvider settings, Duration engineTimeout, Clock clock) {
		this(store, new ChainSelector(chain), results, publisher, settings, BucketProtection.of(settings),
				engineTimeout, clock);
	}

	public ScanPipeline(ObjectStore store, ChainSelector chains, ResultStore results, FindingPublisher publisher,
			BucketSettingsProvider settings, BucketProtection protection, Duration engineTimeout, Clock clock) {
		this.store = store;
		this.chains = chains;
		this.results = results;
		this.publisher = publisher;
		this.settings = settings;
		this.protection = protection;
		this.tags = new TagWriter(store);
		this.remediator = new Remediator(store);
		this.engineTimeout = engineTimeout;
		this.clock = clock;
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
		if (this.settings.quarantineBuckets().contains(target.bucket())) {
			logger.info("Ignoring {}: it is in a quarantine bucket", target.describe());
			return new PipelineResult(PipelineResult.Outcome.IGNORED, null);
		}
		String refusal = this.protection.refusal(target.bucket());
		if (refusal != null) {
			// Recorded, so a forged or misrouted request leaves a trace; nothing is read,
			// tagged or moved in a bucket nobody protected.
			logger.warn("Refusing {}: {}", target.describe(), refusal);
			return skip(target, refusal, PipelineResult.Outcome.NOT_PROTECTED);
		}
		BucketSettings bucket = this.settings.forBucket(target.bucket());
		if (target.source() != ScanSource.API && this.settings.rulesFor(target.bucket()).skips(target.key())) {
			// Recorded, so "why was this not scanned?" has an answer; never tagged, never
			// Clean. An explicit request (API) is scanned whatever the rules say.
			logger.info("Skipped {}: excluded by the bucket's skip rules", target.describe());
			return skip(target, "excluded by the bucket's skip rules", PipelineResult.Outcome.IGNORED);
		}
		try {
			Optional<ObjectInfo> head = this.store.head(target.bucket(), target.key(), target.versionId());
			if (head.isEmpty()) {
				return gone(target, attempt);
			}
			ObjectInfo object = head.get();
			if (target.versionId() == null && target.eTag() != null && !target.eTag().equals(object.eTag())) {
				Optional<ObjectInfo> named = (object.versionId() != null) ? this.store.versionWithETag(target.bucket(),
						target.key(), target.eTag(), MAX_VERSIONS_SEARCHED) : Optional.empty();
				if (named.isEmpty()) {
					logger.info("Skipping {}: overwritten since the event (ETag {} now {})", target.describe(),
							target.eTag(), object.eTag());
					return skip(target, "overwritten since the event: no version has its ETag any more",
							PipelineResult.Outcome.SUPERSEDED);
				}
				// A versioned bucket's event without a version id (some emulators, some
				// replication paths): the content it was about is an older version now.
				logger.info("{} names no version; ETag {} is version {}", target.describe(), target.eTag(),
						named.get().versionId());
				object = named.get();
			}
			Optional<ScanRecord> previous = this.results.find(object.bucket(), object.key(), object.versionId(),
					object.eTag());
			String replacing = null;
			if (previous.isPresent() && previous.get().isFinal()) {
				if (!rescan.rescan(previous.get())) {
					return carryOn(previous.get(), object, bucket, attempt);
				}
				replacing = previous.get().id();
			}
			return scan(target, object, bucket, attempt, replacing);
		}
		catch (StorageAccessDeniedException ex) {
			return accessDenied(target, ex);
		}
	}

	/**
	 * Streams the object through the chain, records the verdict (remediation pending),
	 * then tags, remediates and publishes.
	 */
	private PipelineResult scan(ScanTarget target, ObjectInfo object, BucketSettings bucket, Attempt attempt,
			String replacing) {
		ScanContext context = new ScanContext(new ObjectRef.S3Object(object.bucket(), object.key(), object.versionId()),
				object.size(), object.contentType(), new ScanLimits(bucket.maxSize().toBytes(), this.engineTimeout));
		logger.info("Scanning {} ({} bytes, attempt {})", target.describe(), object.size(), attempt.number());
		BucketRules rules = this.settings.rulesFor(object.bucket());
		ScanReport report;
		String sha256 = null;
		ChainSelector.Selection selection = this.chains.select(rules.engines());
		switch (selection) {
			case ChainSelector.Selection.NotConfigured notConfigured -> {
				// Not fetched: no engine the bucket asks for may be left out, and
				// retrying
				// cannot fix the configuration. Recorded as Error so it is seen, then
				// acknowledged.
				logger.warn("Not scanning {}: {}", target.describe(), notConfigured.reason());
				report = notConfigured.report();
			}
			case ChainSelector.Selection.Selected selected -> {
				try (DigestingStream content = new DigestingStream(this.store.open(object), rules.hasDigests())) {
					report = selected.chain().scan(content, context);
					if (rules.hasDigests() && report.verdict() instanceof Verdict.Infected) {
						// The chain may stop reading at the first finding: read the rest
						// so
						// the digest covers the whole object, which an allow-listed
						// digest
						// must match.
						sha256 = content.finish(object.size());
					}
				}
				catch (ObjectChangedException ex) {
					logger.info("Skipping {}: deleted or overwritten before it could be read", target.describe());
					return new PipelineResult(PipelineResult.Outcome.SUPERSEDED, null);
				}
				catch (IOException ex) {
					// Closing a stream that was read to its end (or aborted) failed: the
					// verdict stands.
					throw new RetryableScanException("Closing the object stream failed: " + ex.getMessage(), ex);
				}
			}
		}
		Verdict verdict = report.verdict();
		if (verdict instanceof Verdict.Error error && retryable(error.kind().name()) && !attempt.last()) {
			throw new RetryableScanException("Scan of " + target.describe() + " failed (attempt " + attempt.number()
					+ " of " + attempt.maxAttempts() + "): " + error.message(), error.cause());
		}
		ResultStatus status = ResultStatus.of(verdict);
		List<String> signatures = (verdict instanceof Verdict.Infected infected) ? infected.signatures() : List.of();
		if (status == ResultStatus.INFECTED && rules.allows(sha256, signatures)) {
			logger.info("{} is infected ({}) but allow-listed for its bucket: kept in place", target.describe(),
					signatures);
			status = ResultStatus.INFECTED_ALLOWED;
		}
		ErrorKind errorKind = (verdict instanceof Verdict.Error error) ? error.kind() : null;
		Map<String, String> ours = ResultTags.of(bucket.tagSchema(), status, errorKind, this.clock.instant(),
				ResultTags.engines(report.engines()), signatures);
		TagWriter.Plan plan = this.tags.plan(object, bucket.tagging(), ours);
		ScanRecord record = Records.of(UUID.randomUUID().toString(), object, report, status, plan.status(),
				plan.dropped(), Remediator.decide(status, plan.status(), bucket), this.clock.instant(),
				target.source());
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
			record = record.withTagging(tagged);
			if (tagged == TaggingStatus.SUPERSEDED && record.remediation() == RemediationState.PENDING) {
				record = record.withRemediation(RemediationState.SUPERSEDED, null);
			}
			this.results.update(record);
		}
		logger.info("Scanned {} ({} bytes): {} {} in {} ms; tags {}", target.describe(), object.size(), status.label(),
				signatures, report.duration().toMillis(), tagged);
		if (!report.optionalFailures().isEmpty()) {
			logger.warn("Scanned {} without optional engines that failed: {}", target.describe(),
					record.optionalFailures()
						.stream()
						.map((engine) -> engine.engineId() + " (" + engine.detail() + ")")
						.toList());
		}
		PipelineResult result = finish(record, object, bucket, PipelineResult.Outcome.SCANNED);
		if (record.status() == ResultStatus.ERROR && retryable(record.errorKind())) {
			// Recorded, tagged and published so it is visible; the request still goes to
			// the DLQ.
			throw new RetryableScanException("Last attempt for " + target.describe() + " failed: " + record.reason(),
					null);
		}
		return result;
	}

	/**
	 * This version already has a final record: a redelivery, or a second event for one
	 * upload. Finishes what its writer left undone, unless that writer is still at it.
	 * @param object the object, or {@code null} when it is gone (quarantined or deleted)
	 */
	private PipelineResult carryOn(ScanRecord previous, ObjectInfo object, BucketSettings bucket, Attempt attempt) {
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
			ResultTags.TagMerge merge = ResultTags.merge(this.store.tags(object),
					ResultTags.of(bucket.tagSchema(), previous.status(), errorKind(previous), previous.scannedAt(),
							ResultTags.engineLabels(previous), previous.signatures()));
			this.tags.write(object, new TagWriter.Plan(previous.tagging(), merge));
		}
		return finish(previous, object, bucket, PipelineResult.Outcome.ALREADY_SCANNED);
	}

	/**
	 * Completes remediation and publishing, whichever of them an earlier attempt left
	 * undone.
	 */
	private PipelineResult finish(ScanRecord scanned, ObjectInfo object, BucketSettings bucket,
			PipelineResult.Outcome outcome) {
		ScanRecord record = scanned;
		if (record.remediation() == RemediationState.PENDING) {
			record = (object != null) ? this.remediator.remediate(record, object, bucket)
					: this.remediator.concludeGone(record, bucket);
			if (!this.results.update(record)) {
				return replaced(record, outcome);
			}
		}
		if (!record.published()) {
			this.publisher.publish(record);
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

	/**
	 * The object is gone. If an earlier attempt recorded it, that record stands (it is
	 * finished if it is not); otherwise the skip is recorded.
	 */
	private PipelineResult gone(ScanTarget target, Attempt attempt) {
		if (target.eTag() != null) {
			Optional<ScanRecord> previous = this.results.find(target.bucket(), target.key(), target.versionId(),
					target.eTag());
			if (previous.isPresent() && previous.get().isFinal()) {
				// Quarantined or deleted by an earlier attempt (a redelivery changes
				// nothing), or removed by somebody: what is left is at most to say how it
				// ended.
				return carryOn(previous.get(), null, this.settings.forBucket(target.bucket()), attempt);
			}
		}
		logger.info("Skipped {}: not found", target.describe());
		return skip(target, "not found", PipelineResult.Outcome.NOT_FOUND);
	}

	/** Records a skip, unless the version has a record already (which stands). */
	private PipelineResult skip(ScanTarget target, String reason, PipelineResult.Outcome outcome) {
		ScanRecord skipped = Records.skipped(UUID.randomUUID().toString(), target, reason, this.clock.instant());
		Optional<ScanRecord> standing = this.results.create(skipped, null);
		return new PipelineResult(outcome, standing.orElse(skipped));
	}

	private PipelineResult accessDenied(ScanTarget target, StorageAccessDeniedException ex) {
		logger.warn("Access denied to {}: {}", target.describe(), ex.getMessage());
		ScanRecord record = Records.accessDenied(UUID.randomUUID().toString(), target, ex.getMessage(),
				this.clock.instant());
		Optional<ScanRecord> standing = this.results.create(record, null);
		if (standing.isPresent()) {
			return new PipelineResult(PipelineResult.Outcome.ALREADY_SCANNED, standing.get());
		}
		this.publisher.publish(record);
		record = record.withPublished();
		this.results.update(record);
		return new PipelineResult(PipelineResult.Outcome.SCANNED, record);
	}

	private static ErrorKind errorKind(ScanRecord record) {
		return (record.errorKind() != null) ? ErrorKind.valueOf(record.errorKind()) : null;
	}

	/**
	 * Errors that may pass by themselves; access denied and a configuration error need a
	 * person.
	 */
	private static boolean retryable(String errorKind) {
		return errorKind != null && !ErrorKind.ACCESS_DENIED.name().equals(errorKind)
				&& !ErrorKind.CONFIGURATION.name().equals(errorKind);
	}

}
