package dev.bucketwarden.agent.pipeline;

import java.io.IOException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.agent.storage.ObjectFetch;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanLimits;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.store.settings.BucketConfiguration;

/**
 * Streams one pinned version through the chain its bucket asks for, keeping the content's
 * digest on the way when the bucket's allow-list names digests. Nothing is fetched when
 * the bucket asks for engines this agent does not run.
 */
final class ObjectScanner {

	private static final Logger logger = LoggerFactory.getLogger(ObjectScanner.class);

	private final ObjectStore store;

	private final ChainSelector chains;

	private final Duration engineTimeout;

	ObjectScanner(ObjectStore store, ChainSelector chains, Duration engineTimeout) {
		this.store = store;
		this.chains = chains;
		this.engineTimeout = engineTimeout;
	}

	/** Whether a scan for this bucket reads the object (the agent runs its engines). */
	boolean fetches(BucketConfiguration bucket) {
		return this.chains.select(bucket) instanceof ChainSelector.Selection.Selected;
	}

	/**
	 * Scans the version.
	 * @param open its content when it is open already (closed or aborted here), else
	 * {@code null}
	 * @throws dev.bucketwarden.agent.storage.ObjectChangedException when it was deleted
	 * or overwritten before it could be read
	 */
	Scanned scan(ScanTarget target, ObjectInfo object, ObjectFetch.Fetched.@Nullable Open open,
			BucketConfiguration bucket) {
		return switch (this.chains.select(bucket)) {
			case ChainSelector.Selection.NotConfigured notConfigured -> {
				// Not fetched: no engine the bucket asks for may be left out, and
				// retrying
				// cannot fix the configuration. Recorded as Error so it is seen, then
				// acknowledged.
				logger.warn("Not scanning {}: {}", target.describe(), notConfigured.reason());
				if (open != null) {
					open.abort();
				}
				yield new Scanned(notConfigured.report(), null);
			}
			case ChainSelector.Selection.Selected selected -> read(object, open, selected.chain(), bucket);
		};
	}

	private Scanned read(ObjectInfo object, ObjectFetch.Fetched.@Nullable Open open, EngineChain chain,
			BucketConfiguration bucket) {
		ScanContext context = new ScanContext(new ObjectRef.S3Object(object.bucket(), object.key(), object.versionId()),
				object.size(), object.contentType(),
				new ScanLimits(bucket.settings().maxSize().toBytes(), this.engineTimeout));
		boolean digesting = bucket.rules().hasDigests();
		try (DigestingStream content = new DigestingStream((open != null) ? open.stream() : this.store.open(object),
				digesting)) {
			ScanReport report = chain.scan(content, context);
			if (digesting && report.verdict() instanceof Verdict.Infected) {
				// The chain may stop reading at the first finding: read the rest so the
				// digest covers the whole object, which an allow-listed digest must
				// match.
				return new Scanned(report, content.finish(object.size()));
			}
			return new Scanned(report, null);
		}
		catch (IOException ex) {
			// Closing a stream that was read to its end (or aborted) failed: the verdict
			// stands.
			throw new RetryableScanException("Closing the object stream failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * What the chain said.
	 *
	 * @param report the chain's report
	 * @param sha256 the content's digest, or {@code null} unless an allow-list of digests
	 * needs it
	 */
	record Scanned(ScanReport report, String sha256) {
	}

}
