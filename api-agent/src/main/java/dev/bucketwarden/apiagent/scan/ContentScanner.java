package dev.bucketwarden.apiagent.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import dev.bucketwarden.agent.config.ChainProperties;
import dev.bucketwarden.agent.pipeline.ChainSelector;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.agent.tagging.ResultTags;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanLimits;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.BucketSettingsProvider;

/**
 * Scans request bodies through the engine chain, and for scan-before-store keeps a
 * private copy in the spool directory while it scans, stores it only when it is clean,
 * and deletes the copy in every outcome. A plain scan uses the agent's chain; an upload
 * the chain its target bucket's settings select, the one its later scans would use.
 */
@Service
class ContentScanner {

	private static final Logger logger = LoggerFactory.getLogger(ContentScanner.class);

	private final ChainSelector chains;

	private final ApiProperties properties;

	private final ChainProperties chainProperties;

	private final ObjectStore store;

	private final BucketSettingsProvider settings;

	private final ConditionalUpload upload;

	private final Clock clock;

	ContentScanner(ChainSelector chains, ApiProperties properties, ChainProperties chainProperties, ObjectStore store,
			BucketSettingsProvider settings, ConditionalUpload upload, Clock clock) {
		this.chains = chains;
		this.properties = properties;
		this.chainProperties = chainProperties;
		this.store = store;
		this.settings = settings;
		this.upload = upload;
		this.clock = clock;
	}

	/** Scans the body; the verdict is the answer, whatever it is. */
	ScanResponse scan(RequestBody body) {
		return scan(body, this.chains.defaultChain());
	}

	private ScanResponse scan(RequestBody body, EngineChain chain) {
		MessageDigest sha256 = sha256();
		DigestInputStream content = new DigestInputStream(body.content(), sha256);
		ScanReport report = chain.scan(content, context(body));
		logger.info("Scanned upload '{}' ({} bytes): {}", body.name(), report.bytesScanned(),
				report.verdict().result().label());
		return Responses.of(report, fullyRead(report, body) ? HexFormat.of().formatHex(sha256.digest()) : null,
				this.clock.instant());
	}

	/**
	 * Scans the body and stores it in the bucket only when it is clean, tagged with its
	 * result, under a key that passed {@link UploadKeys} and, unless the caller allows
	 * overwriting, is not taken (checked before the body is read, and again by S3 itself
	 * with a conditional write).
	 * @throws ApiException for anything but a clean, stored object
	 */
	ScanResponse scanAndStore(RequestBody body, String bucket, String key, boolean overwrite) {
		if (!this.properties.uploadBuckets().contains(bucket)) {
			throw new ApiException(HttpStatus.FORBIDDEN, "Uploads to bucket '" + bucket + "' are not allowed", null);
		}
		String refusal = UploadKeys.refusal(key);
		if (refusal != null) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid key: " + refusal, null);
		}
		if (!overwrite && this.store.head(bucket, key, null).isPresent()) {
			throw new ApiException(HttpStatus.CONFLICT,
					"An object with this key exists; nothing was stored (ask with overwrite=true to replace it)", null);
		}
		ChainSelector.Selection selection = this.chains.select(this.settings.rulesFor(bucket).engines());
		if (selection instanceof ChainSelector.Selection.NotConfigured notConfigured) {
			logger.warn("Not scanning upload '{}' for bucket {}: {}", body.name(), bucket, notConfigured.reason());
			throw Responses.refusal(Responses.of(notConfigured.report(), null, this.clock.instant()));
		}
		EngineChain chain = ((ChainSelector.Selection.Selected) selection).chain();
		Path spool = createSpool();
		try {
			ScanResponse verdict;
			try (OutputStream copy = Files.newOutputStream(spool)) {
				verdict = scan(new RequestBody(new TeeInputStream(body.content(), copy), body.name(),
						body.contentType(), body.length()), chain);
			}
			if (!ResultStatus.CLEAN.label().equals(verdict.result())) {
				throw Responses.refusal(verdict);
			}
			BucketSettings bucketSettings = this.settings.forBucket(bucket);
			Map<String, String> tags = bucketSettings.tagging()
					? ResultTags.of(bucketSettings.tagSchema(), ResultStatus.CLEAN, null, this.clock.instant(),
							verdict.engines()
								.stream()
								.map((e) -> e.id() + ":" + e.product() + "/" + e.signatureVersion())
								.toList(),
							List.of())
					: Map.of();
			ContentTypes.Decision type = ContentTypes.decide(spool, body.contentType());
			if (type.claimed() != null) {
				logger.info("Upload for s3://{}/{} claimed Content-Type '{}', stored as the detected '{}'", bucket, key,
						type.claimed(), type.stored());
			}
			Map<String, String> metadata = (type.claimed() != null)
					? Map.of(ContentTypes.CLAIMED_METADATA, type.claimed()) : Map.of();
			ScanResponse.Stored stored = this.upload.put(bucket, key, spool, type.stored(), metadata, tags, overwrite);
			logger.info("Stored clean upload as s3://{}/{} version {}", bucket, key, stored.versionId());
			return verdict.withStored(stored);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Spooling the upload failed", ex);
		}
		finally {
			deleteSpool(spool);
		}
	}

	private ScanContext context(RequestBody body) {
		return new ScanContext(new ObjectRef.Upload(body.name()),
				(body.length() >= 0) ? body.length() : ScanContext.UNKNOWN_SIZE, body.contentType(),
				new ScanLimits(this.properties.maxSize().toBytes(), this.chainProperties.engineTimeout()));
	}

	private static boolean fullyRead(ScanReport report, RequestBody body) {
		Verdict verdict = report.verdict();
		boolean stoppedEarly = (verdict instanceof Verdict.Unscannable unscannable
				&& unscannable.reason() == UnscannableReason.TOO_LARGE)
				|| (verdict instanceof Verdict.Error error && error.kind() == ErrorKind.CONTENT_READ);
		return !stoppedEarly && (body.length() < 0 || report.bytesScanned() == body.length());
	}

	private Path createSpool() {
		try {
			Files.createDirectories(this.properties.spool());
			return Files.createTempFile(this.properties.spool(), "bw-upload-", ".bin");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a spool file in " + this.properties.spool(), ex);
		}
	}

	private static void deleteSpool(Path spool) {
		try {
			Files.deleteIfExists(spool);
		}
		catch (IOException ex) {
			logger.error("Cannot delete spool file {}: {}", spool, ex.getMessage());
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Copies what is read to a spool file. */
	private static final class TeeInputStream extends InputStream {

		private final InputStream source;

		private final OutputStream copy;

		TeeInputStream(InputStream source, OutputStream copy) {
			this.source = source;
			this.copy = copy;
		}

		@Override
		public int read() throws IOException {
			int b = this.source.read();
			if (b >= 0) {
				this.copy.write(b);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.source.read(buffer, offset, length);
			if (n > 0) {
				this.copy.write(buffer, offset, n);
			}
			return n;
		}

	}

}
