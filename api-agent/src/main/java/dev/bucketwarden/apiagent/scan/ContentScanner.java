package dev.bucketwarden.apiagent.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import dev.bucketwarden.agent.pipeline.ContentScan;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.engine.spi.io.SpoolFiles;
import dev.bucketwarden.store.results.ResultStatus;

/**
 * Spools and stores uploads; the scanning itself is the pipeline's {@link ContentScan}
 * (chain selection, digest, tags, and the record and finding of a refused upload). For
 * scan-before-store it keeps a private copy in the spool directory while the content is
 * scanned, stores it only when it is clean, and deletes the copy in every outcome.
 */
@Service
class ContentScanner {

	private static final Logger logger = LoggerFactory.getLogger(ContentScanner.class);

	private final ContentScan scans;

	private final ApiProperties properties;

	private final ObjectStore store;

	private final ConditionalUpload upload;

	ContentScanner(ContentScan scans, ApiProperties properties, ObjectStore store, ConditionalUpload upload) {
		this.scans = scans;
		this.properties = properties;
		this.store = store;
		this.upload = upload;
	}

	/**
	 * Scans the body with the agent's chain; the verdict is the answer, whatever it is.
	 * @param sha256 whether the answer carries the content's SHA-256
	 */
	ScanResponse scan(UploadBody body, boolean sha256) {
		return VerdictResponder.of(this.scans.scan(content(body, body.content(), sha256)));
	}

	/**
	 * Scans the body with the chain of the bucket it is meant for and stores it there
	 * only when it is clean, tagged with its result, under a key that passed
	 * {@link UploadKeyPolicy} and, unless the caller allows overwriting, is not taken
	 * (checked before the body is read, and again by S3 itself with a conditional write).
	 * @param sha256 whether the answer carries the content's SHA-256
	 * @throws ApiException for anything but a clean, stored object
	 */
	ScanResponse scanAndStore(UploadBody body, String bucket, String key, boolean overwrite, boolean sha256) {
		if (!this.properties.uploadBuckets().contains(bucket)) {
			throw new ApiException(HttpStatus.FORBIDDEN, "Uploads to bucket '" + bucket + "' are not allowed", null);
		}
		String refusal = UploadKeyPolicy.refusal(key);
		if (refusal != null) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid key: " + refusal, null);
		}
		if (!overwrite && this.store.head(bucket, key, null).isPresent()) {
			throw new ApiException(HttpStatus.CONFLICT,
					"An object with this key exists; nothing was stored (ask with overwrite=true to replace it)", null);
		}
		Path spool = createSpool();
		try {
			ContentScan.Scanned scanned;
			try (OutputStream copy = Files.newOutputStream(spool)) {
				scanned = this.scans.scanUpload(content(body, new TeeInputStream(body.content(), copy), sha256), bucket,
						key);
			}
			ScanResponse verdict = VerdictResponder.of(scanned);
			if (scanned.status() != ResultStatus.CLEAN) {
				throw VerdictResponder.refusal(verdict);
			}
			ContentTypePolicy.Decision type = ContentTypePolicy.decide(spool, body.contentType());
			if (type.claimed() != null) {
				logger.info("Upload for s3://{}/{} claimed Content-Type '{}', stored as the detected '{}'", bucket, key,
						type.claimed(), type.stored());
			}
			Map<String, String> metadata = (type.claimed() != null)
					? Map.of(ContentTypePolicy.CLAIMED_METADATA, type.claimed()) : Map.of();
			ScanResponse.Stored stored = this.upload.put(bucket, key, spool, type.stored(), metadata, scanned.tags(),
					overwrite);
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

	private ContentScan.Content content(UploadBody body, InputStream stream, boolean sha256) {
		return new ContentScan.Content(stream, body.name(), body.contentType(), body.length(),
				this.properties.maxSize().toBytes(), sha256);
	}

	private Path createSpool() {
		try {
			Files.createDirectories(this.properties.spool());
			return SpoolFiles.create(this.properties.spool(), "bw-upload-", ".bin");
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
