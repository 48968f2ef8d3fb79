package dev.bucketwarden.agent.pipeline;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.findings.FindingPublisher;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.tagging.ResultTags;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanLimits;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ResultStore;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.settings.BucketConfiguration;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.BucketSettingsProvider;
import dev.bucketwarden.store.tags.TaggingStatus;

/**
 * Scans content that is not (yet) an S3 object, such as the API's scan-before-store, with
 * the pipeline's own pieces: the chain the target bucket's settings select, the digest,
 * the result tags. An upload that is refused (anything but Clean) is recorded and
 * published with source API under the bucket and key it was meant for, so it shows in the
 * console's findings; its ETag is {@link #REFUSED_UPLOAD_ETAG} and the record's id, so it
 * can never be taken for the record of a stored version. A clean upload is not recorded
 * here: the event scan of the object S3 stored records it, reading the stored bytes back
 * under the bucket's own size limit and skip rules, which the API's limit need not match.
 */
public final class ContentScan {

	/** Starts the ETag of a refused upload's record: S3's ETags never hold a colon. */
	public static final String REFUSED_UPLOAD_ETAG = "refused-upload:";

	private static final Logger logger = LoggerFactory.getLogger(ContentScan.class);

	private final ChainSelector chains;

	private final BucketSettingsProvider settings;

	private final ResultStore results;

	private final FindingPublisher publisher;

	private final Duration engineTimeout;

	private final Clock clock;

	public ContentScan(ChainSelector chains, BucketSettingsProvider settings, ResultStore results,
			FindingPublisher publisher, Duration engineTimeout, Clock clock) {
		this.chains = chains;
		this.settings = settings;
		this.results = results;
		this.publisher = publisher;
		this.engineTimeout = engineTimeout;
		this.clock = clock;
	}

	/**
	 * Scans content that belongs to no bucket with the agent's chain; nothing is
	 * recorded.
	 */
	public Scanned scan(Content content) {
		Run run = run(content, this.chains.defaultChain());
		logger.info("Scanned upload '{}' ({} bytes): {}", content.name(), run.report().bytesScanned(),
				run.status().label());
		return new Scanned(run.report(), run.status(), run.sha256(), Map.of(), this.clock.instant(), null);
	}

	/**
	 * Scans content meant for {@code s3://bucket/key} with the chain that bucket's
	 * settings select, the one its later scans use, and returns the tags a clean one is
	 * stored with. Anything but Clean is recorded and published before this returns; a
	 * failure to do so is logged and leaves the verdict as it is (nothing is stored
	 * either way).
	 */
	public Scanned scanUpload(Content content, String bucket, String key) {
		// One read of the bucket's settings and rules, as the pipeline does per object.
		BucketConfiguration configuration = this.settings.configuration(bucket);
		Run run = switch (this.chains.select(configuration)) {
			case ChainSelector.Selection.NotConfigured notConfigured -> {
				// Not read: no engine the bucket asks for may be left out.
				logger.warn("Not scanning upload '{}' for s3://{}/{}: {}", content.name(), bucket, key,
						notConfigured.reason());
				yield new Run(notConfigured.report(), ResultStatus.ERROR, null);
			}
			case ChainSelector.Selection.Selected selected -> run(content, selected.chain());
		};
		Instant at = this.clock.instant();
		Verdict verdict = run.report().verdict();
		List<String> signatures = (verdict instanceof Verdict.Infected infected) ? infected.signatures() : List.of();
		BucketSettings bucketSettings = configuration.settings();
		Map<String, String> tags = bucketSettings.tagging() ? ResultTags.of(bucketSettings.tagSchema(), run.status(),
				(verdict instanceof Verdict.Error error) ? error.kind() : null, at,
				ResultTags.engines(run.report().engines()), signatures) : Map.of();
		logger.info("Scanned upload '{}' for s3://{}/{} ({} bytes): {}", content.name(), bucket, key,
				run.report().bytesScanned(), run.status().label());
		String recordId = (run.status() != ResultStatus.CLEAN) ? recordRefusal(content, bucket, key, run, at) : null;
		return new Scanned(run.report(), run.status(), run.sha256(), tags, at, recordId);
	}

	private Run run(Content content, EngineChain chain) {
		ScanContext context = new ScanContext(new ObjectRef.Upload(content.name()),
				(content.length() >= 0) ? content.length() : ScanContext.UNKNOWN_SIZE, content.contentType(),
				new ScanLimits(content.maxBytes(), this.engineTimeout));
		// Bounded just past the limit, so that reading the rest for the digest never
		// reads more than the chain would have accepted.
		DigestingStream digesting = new DigestingStream(new Bounded(content.stream(), content.maxBytes() + 1),
				content.sha256());
		ScanReport report = chain.scan(digesting, context);
		return new Run(report, ResultStatus.of(report.verdict()), digest(digesting, report, content.length()));
	}

	/**
	 * The SHA-256 of the whole content, or {@code null} when the chain stopped before its
	 * end (over the limit, unreadable) or the content was not what it declared.
	 */
	private static String digest(DigestingStream content, ScanReport report, long length) {
		Verdict verdict = report.verdict();
		boolean stoppedEarly = (verdict instanceof Verdict.Unscannable unscannable
				&& unscannable.reason() == UnscannableReason.TOO_LARGE)
				|| (verdict instanceof Verdict.Error error && error.kind() == ErrorKind.CONTENT_READ);
		if (stoppedEarly) {
			return null;
		}
		try {
			return content.finish((length >= 0) ? length : report.bytesScanned());
		}
		catch (IOException ex) {
			return null;
		}
	}

	private String recordRefusal(Content content, String bucket, String key, Run run, Instant at) {
		String id = UUID.randomUUID().toString();
		long size = (content.length() >= 0) ? content.length() : run.report().bytesScanned();
		ObjectInfo refused = new ObjectInfo(bucket, key, null, REFUSED_UPLOAD_ETAG + id, size, content.contentType());
		ScanRecord record = ScanRecords.of(id, refused, run.report(), run.status(), TaggingStatus.DISABLED, List.of(),
				RemediationState.NONE, at, ScanSource.API);
		try {
			this.results.create(record, null);
			this.publisher.publish(record);
			this.results.update(record.withPublished());
			return id;
		}
		catch (RuntimeException ex) {
			logger.error("Recording or publishing the refused upload for s3://{}/{} ({}) failed: {}", bucket, key,
					run.status().label(), ex.getMessage());
			return null;
		}
	}

	/**
	 * Content to scan, not yet read.
	 *
	 * @param stream the bytes
	 * @param name the file name the client gave
	 * @param contentType the declared content type, if any
	 * @param length the declared length, or -1
	 * @param maxBytes the most the chain reads; more is Unscannable (too large)
	 * @param sha256 whether to compute the content's SHA-256 on the way: only when
	 * someone reads it (it was 15% of the API agent's CPU per 100 KiB request and most of
	 * it per 10 MiB one); no allow-list needs it here, since anything but Clean is
	 * refused
	 */
	public record Content(InputStream stream, String name, String contentType, long length, long maxBytes,
			boolean sha256) {
	}

	/**
	 * What a scan of content found.
	 *
	 * @param report the chain's report
	 * @param status the result
	 * @param sha256 the hex SHA-256 of the whole content, when it was asked for and read
	 * to its end
	 * @param tags the result tags to store a clean upload with (none when the bucket does
	 * not tag, or for content of no bucket)
	 * @param scannedAt when the verdict was reached
	 * @param recordId the id of the refused upload's record, or {@code null} when none
	 * was written
	 */
	public record Scanned(ScanReport report, ResultStatus status, String sha256, Map<String, String> tags,
			Instant scannedAt, String recordId) {
	}

	private record Run(ScanReport report, ResultStatus status, String sha256) {
	}

	/** Ends the content after a number of bytes. */
	private static final class Bounded extends FilterInputStream {

		private long left;

		Bounded(InputStream in, long limit) {
			super(in);
			this.left = limit;
		}

		@Override
		public int read() throws IOException {
			if (this.left <= 0) {
				return -1;
			}
			int b = this.in.read();
			if (b >= 0) {
				this.left--;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.left <= 0) {
				return -1;
			}
			int n = this.in.read(buffer, offset, (int) Math.min(length, this.left));
			if (n > 0) {
				this.left -= n;
			}
			return n;
		}

	}

}
