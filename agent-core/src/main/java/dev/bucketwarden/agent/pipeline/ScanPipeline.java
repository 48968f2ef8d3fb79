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
import dev.bucketwarden.agent.results.RemediationState;
import dev.bucketwarden.agent.results.ResultStatus;
import dev.bucketwarden.agent.results.ResultStore;
import dev.bucketwarden.agent.results.ScanRecord;
import dev.bucketwarden.agent.settings.BucketRules;
import dev.bucketwarden.agent.settings.BucketSettings;
import dev.bucketwarden.agent.settings.BucketSettingsProvider;
import dev.bucketwarden.agent.settings.Remediation;
import dev.bucketwarden.agent.storage.ObjectChangedException;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.agent.storage.StorageAccessDeniedException;
import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.agent.tagging.ResultTags;
import dev.bucketwarden.agent.tagging.TaggingStatus;
import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanLimits;
import dev.bucketwarden.engine.spi.Verdict;

/**
 * Scans one S3 object version end to end. Every step is safe to repeat: a redelivered
 * request finds the record of its version and only finishes what an earlier attempt left
 * undone (remediation, publishing), so a crash at any point loses nothing and never scans
 * twice without need.
 */
public class ScanPipeline {

	private static final Logger logger = LoggerFactory.getLogger(ScanPipeline.class);

	private final ObjectStore store;

	private final ChainSelector chains;

	private final ResultStore results;

	private final FindingPublisher publisher;

	private final BucketSettingsProvider settings;

	private final Duration engineTimeout;

	private final Clock clock;

	/** Scans with the chain, or with the selection of its engines a bucket asks for. */
	public ScanPipeline(ObjectStore store, EngineChain chain, ResultStore results, FindingPublisher publisher,
			BucketSettingsProvider settings, Duration engineTimeout, Clock clock) {
		this(store, new ChainSelector(chain), results, publisher, settings, engineTimeout, clock);
	}

	public ScanPipeline(ObjectStore store, ChainSelector chains, ResultStore results, FindingPublisher publisher,
			BucketSettingsProvider settings, Duration engineTimeout, Clock clock) {
		this.store = store;
		this.chains = chains;
		this.results = results;
		this.publisher = publisher;
		this.settings = settings;
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
		catch (StorageException ex) {
			throw new RetryableScanException(ex.getMessage(), ex);
		}
	}

	private PipelineResult tryProcess(ScanTarget target, Attempt attempt, RescanPolicy rescan) {
		if (this.settings.quarantineBuckets().contains(target.bucket())) {
			logger.info("Ignoring {}: it is in a quarantine bucket", target.describe());
			return new PipelineResult(PipelineResult.Outcome.IGNORED, null);
		}
		BucketSettings bucket = this.settings.forBucket(target.bucket());
		if (target.source() != ScanTarget.Source.API && this.settings.rulesFor(target.bucket()).skips(target.key())) {
			// Recorded, so "why was this not scanned?" has an answer; never tagged, never
			// Clean. An explicit request (API) is scanned whatever the rules say.
			ScanRecord skipped = Records.skipped(UUID.randomUUID().toString(), target,
					"excluded by the bucket's skip rules", this.clock.instant());
			this.results.save(skipped);
			logger.info("Skipped {}: excluded by the bucket's skip rules", target.describe());
			return new PipelineResult(PipelineResult.Outcome.IGNORED, skipped);
		}
		try {
			Optional<ObjectInfo> head = this.store.head(target.bucket(), target.key(), target.versionId());
			if (head.isEmpty()) {
				return gone(target);
			}
			ObjectInfo object = head.get();
			if (target.versionId() == null && target.eTag() != null && !target.eTag().equals(object.eTag())) {
				logger.info("Skipping {}: overwritten since the event (ETag {} now {})", target.describe(),
						target.eTag(), object.eTag());
				return new PipelineResult(PipelineResult.Outcome.SUPERSEDED, null);
			}
			Optional<ScanRecord> previous = this.results.find(object.bucket(), object.key(), object.versionId(),
					object.eTag());
			if (previous.isPresent() && previous.get().status() != ResultStatus.ERROR
					&& !rescan.rescan(previous.get())) {
				return finish(previous.get(), object, bucket, PipelineResult.Outcome.ALREADY_SCANNED);
			}
			Optional<ScanRecord> scanned = scan(target, object, bucket, attempt);
			if (scanned.isEmpty()) {
				return new PipelineResult(PipelineResult.Outcome.SUPERSEDED, null);
			}
			PipelineResult result = finish(scanned.get(), object, bucket, PipelineResult.Outcome.SCANNED);
			if (scanned.get().status() == ResultStatus.ERROR && retryable(scanned.get().errorKind())) {
				// Recorded, tagged and published so it is visible; the request still goes
				// to the DLQ.
				throw new RetryableScanException(
						"Last attempt for " + target.describe() + " failed: " + scanned.get().reason(), null);
			}
			return result;
		}
		catch (StorageAccessDeniedException ex) {
			return accessDenied(target, ex);
		}
	}

	/**
	 * Streams the object through the chain, tags it and records the verdict (remediation
	 * pending).
	 */
	private Optional<ScanRecord> scan(ScanTarget target, ObjectInfo object, BucketSettings bucket, Attempt attempt) {
		ScanContext context = new ScanContext(new ObjectRef.S3Object(object.bucket(), object.key(), object.versionId()),
				object.size(), object.contentType(), new ScanLimits(bucket.maxSize().toBytes(), this.engineTimeout));
		logger.info("Scanning {} ({} bytes, attempt {})", target.describe(), object.size(), attempt.number());
		BucketRules rules = this.settings.rulesFor(object.bucket());
		ScanReport report;
		String sha256 = null;
		ChainSelector.Selection selection = this.chains.select(rules.engines());
		if (selection instanceof ChainSelector.Selection.NotConfigured notConfigured) {
			// Not fetched: no engine the bucket asks for may be left out, and retrying
			// cannot fix the configuration. Recorded as Error so it is seen, then
			// acknowledged.
			logger.warn("Not scanning {}: {}", target.describe(), notConfigured.reason());
			report = notConfigured.report();
		}
		else {
			EngineChain chain = ((ChainSelector.Selection.Selected) selection).chain();
			try (DigestingStream content = new DigestingStream(this.store.open(object), rules.hasDigests())) {
				report = chain.scan(content, context);
				if (rules.hasDigests() && report.verdict() instanceof Verdict.Infected) {
					// The chain may stop reading at the first finding: read the rest so
					// the digest covers the whole object, which an allow-listed digest
					// must match.
					sha256 = content.finish(object.size());
				}
			}
			catch (ObjectChangedException ex) {
				logger.info("Skipping {}: deleted or overwritten before it could be read", target.describe());
				return Optional.empty();
			}
			catch (IOException ex) {
				// Closing a stream that was read to its end (or aborted) failed: the
				// verdict stands.
				throw new RetryableScanException("Closing the object stream failed: " + ex.getMessage(), ex);
			}
		}
		Verdict verdict = report.verdict();
		if (verdict instanceof Verdict.Error error && retryable(error.kind().name()) && !attempt.last()) {
			logger.warn("Scan of {} failed (attempt {} of {}), will retry: {}", target.describe(), attempt.number(),
					attempt.maxAttempts(), error.message());
			throw new RetryableScanException(error.message(), error.cause());
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
		TaggingStatus tagging = tag(object, bucket, ours);
		RemediationState remediation = (status == ResultStatus.INFECTED_ALLOWED) ? RemediationState.KEPT
				: (status != ResultStatus.INFECTED) ? RemediationState.NONE : (tagging == TaggingStatus.SUPERSEDED)
						? RemediationState.SUPERSEDED
						: (bucket.remediation() == Remediation.KEEP) ? RemediationState.KEPT : RemediationState.PENDING;
		ScanRecord record = Records.of(UUID.randomUUID().toString(), object, report, status, tagging, remediation,
				this.clock.instant(), target.source());
		this.results.save(record);
		logger.info("Scanned {} ({} bytes): {} {} in {} ms; tags {}", target.describe(), object.size(), status.label(),
				signatures, report.duration().toMillis(), tagging);
		if (!report.optionalFailures().isEmpty()) {
			logger.warn("Scanned {} without optional engines that failed: {}", target.describe(),
					record.optionalFailures()
						.stream()
						.map((engine) -> engine.engineId() + " (" + engine.detail() + ")")
						.toList());
		}
		return Optional.of(record);
	}

	/** Writes our tags merged with the user's, onto exactly the scanned version. */
	private TaggingStatus tag(ObjectInfo object, BucketSettings bucket, Map<String, String> ours) {
		if (!bucket.tagging()) {
			return TaggingStatus.DISABLED;
		}
		try {
			if (object.versionId() == null && !stillTheSame(object)) {
				return TaggingStatus.SUPERSEDED;
			}
			Optional<Map<String, String>> merged = ResultTags.merge(this.store.tags(object), ours);
			if (merged.isEmpty()) {
				logger.warn("Not tagging s3://{}/{}: its tags and ours would pass S3's limit of {}", object.bucket(),
						object.key(), ResultTags.S3_MAX_TAGS);
				return TaggingStatus.MAX_TAG_LIMIT_EXCEEDED;
			}
			this.store.putTags(object, merged.get());
			return TaggingStatus.TAGGED;
		}
		catch (ObjectChangedException ex) {
			return TaggingStatus.SUPERSEDED;
		}
		catch (StorageAccessDeniedException ex) {
			logger.warn("Not allowed to tag s3://{}/{}: {}", object.bucket(), object.key(), ex.getMessage());
			return TaggingStatus.FAILED;
		}
	}

	/** In an unversioned bucket the key may have been overwritten during the scan. */
	private boolean stillTheSame(ObjectInfo object) {
		return this.store.head(object.bucket(), object.key(), null)
			.map((now) -> now.eTag().equals(object.eTag()))
			.orElse(false);
	}

	/**
	 * Completes remediation and publishing, whichever of them an earlier attempt left
	 * undone.
	 */
	private PipelineResult finish(ScanRecord scanned, ObjectInfo object, BucketSettings bucket,
			PipelineResult.Outcome outcome) {
		ScanRecord record = scanned;
		if (record.remediation() == RemediationState.PENDING) {
			record = remediate(record, object, bucket);
			this.results.save(record);
		}
		if (!record.published()) {
			this.publisher.publish(record);
			record = record.withPublished();
			this.results.save(record);
		}
		return new PipelineResult(outcome, record);
	}

	private ScanRecord remediate(ScanRecord record, ObjectInfo object, BucketSettings bucket) {
		if (bucket.remediation() != Remediation.KEEP && object.versionId() == null && !stillTheSame(object)) {
			// Unversioned: the key now holds other content, which must not be deleted for
			// this verdict.
			logger.warn("Not remediating s3://{}/{}: overwritten since it was scanned", object.bucket(), object.key());
			return record.withRemediation(RemediationState.SUPERSEDED, null);
		}
		return switch (bucket.remediation()) {
			case KEEP -> record.withRemediation(RemediationState.KEPT, null);
			case DELETE -> {
				this.store.delete(object);
				logger.info("Deleted infected s3://{}/{} version {}", object.bucket(), object.key(),
						object.versionId());
				yield record.withRemediation(RemediationState.DELETED, null);
			}
			case QUARANTINE -> {
				String key = object.bucket() + "/" + object.key();
				ObjectInfo copy = this.store.copy(object, bucket.quarantineBucket(), key, this.store.tags(object));
				boolean multipart = object.eTag().contains("-") || copy.eTag().contains("-");
				if (copy.size() != object.size() || (!multipart && !copy.eTag().equals(object.eTag()))) {
					throw new StorageException("The quarantine copy of s3://" + object.bucket() + "/" + object.key()
							+ " does not match the original (size " + copy.size() + " vs " + object.size() + ")", null);
				}
				this.store.delete(object);
				String location = "s3://" + bucket.quarantineBucket() + "/" + key
						+ ((copy.versionId() != null) ? "?versionId=" + copy.versionId() : "");
				logger.info("Quarantined infected s3://{}/{} version {} to {}", object.bucket(), object.key(),
						object.versionId(), location);
				yield record.withRemediation(RemediationState.QUARANTINED, location);
			}
		};
	}

	/**
	 * The object is gone. If an earlier attempt scanned it and deleted or quarantined it,
	 * finish that record; otherwise record the skip.
	 */
	private PipelineResult gone(ScanTarget target) {
		if (target.eTag() != null) {
			Optional<ScanRecord> previous = this.results.find(target.bucket(), target.key(), target.versionId(),
					target.eTag());
			if (previous.isPresent() && previous.get().remediation() == RemediationState.PENDING) {
				// The delete of an earlier attempt went through; what is left is to say
				// so.
				BucketSettings bucket = this.settings.forBucket(target.bucket());
				RemediationState done = (bucket.remediation() == Remediation.DELETE) ? RemediationState.DELETED
						: RemediationState.QUARANTINED;
				ScanRecord record = previous.get().withRemediation(done, previous.get().quarantineLocation());
				this.results.save(record);
				return finish(record, null, bucket, PipelineResult.Outcome.SCANNED);
			}
		}
		ScanRecord skipped = Records.skipped(UUID.randomUUID().toString(), target, "not found", this.clock.instant());
		this.results.save(skipped);
		logger.info("Skipped {}: not found", target.describe());
		return new PipelineResult(PipelineResult.Outcome.NOT_FOUND, skipped);
	}

	private PipelineResult accessDenied(ScanTarget target, StorageAccessDeniedException ex) {
		logger.warn("Access denied to {}: {}", target.describe(), ex.getMessage());
		ScanRecord record = Records.accessDenied(UUID.randomUUID().toString(), target, ex.getMessage(),
				this.clock.instant());
		this.results.save(record);
		this.publisher.publish(record);
		record = record.withPublished();
		this.results.save(record);
		return new PipelineResult(PipelineResult.Outcome.SCANNED, record);
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
