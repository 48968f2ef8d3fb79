package dev.bucketwarden.apiagent.scan;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.bucketwarden.agent.storage.ObjectExistsException;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.agent.storage.StorageAccessDeniedException;
import dev.bucketwarden.agent.storage.StorageException;

/**
 * Stores a clean upload with S3's conditional write (agent-core's
 * {@link ObjectStore#upload}): unless the caller asked to overwrite, S3 itself refuses
 * when the key exists, even when another writer created it after our HEAD. The refusal is
 * a 409 to the caller.
 * <p>
 * A write that failed may still have been stored: S3 wrote the object and then the
 * connection was reset, or the attempt timed out before S3's answer came. The SDK's retry
 * of such a write then meets our own object and S3 refuses it (412). So every write
 * carries an id of its own in its metadata ({@value #UPLOAD_ID_METADATA}), and after a
 * failure the key is read back: when it holds our write, the upload is stored and
 * answered as such, not as a conflict or a failure that the caller would retry into a
 * 409.
 */
@Component
class ConditionalUpload {

	/** User metadata naming the write that stored the object. */
	static final String UPLOAD_ID_METADATA = "bucketwarden-upload-id";

	private static final Logger logger = LoggerFactory.getLogger(ConditionalUpload.class);

	private final ObjectStore store;

	ConditionalUpload(ObjectStore store) {
		this.store = store;
	}

	/**
	 * @param metadata user metadata ({@code x-amz-meta-})
	 * @param overwrite whether an existing object may be replaced
	 * @throws ApiException 409 when the key exists and may not be replaced
	 */
	ScanResponse.Stored put(String bucket, String key, Path file, String contentType, Map<String, String> metadata,
			Map<String, String> tags, boolean overwrite) {
		String uploadId = UUID.randomUUID().toString();
		Map<String, String> withId = new LinkedHashMap<>(metadata);
		withId.put(UPLOAD_ID_METADATA, uploadId);
		try {
			ObjectInfo stored = this.store.upload(bucket, key, file, contentType, withId, tags, overwrite);
			return new ScanResponse.Stored(bucket, key, stored.versionId(), stored.eTag());
		}
		catch (ObjectExistsException ex) {
			return ours(bucket, key, uploadId, ex).orElseThrow(() -> new ApiException(HttpStatus.CONFLICT,
					"An object with this key exists; nothing was stored " + "(ask with overwrite=true to replace it)",
					null));
		}
		catch (StorageAccessDeniedException ex) {
			// Answered as before, when S3's 403 reached the handler as an SDK error: the
			// agent's role is short of a permission, not the caller.
			throw new StorageException(ex.getMessage(), ex);
		}
		catch (StorageException ex) {
			return ours(bucket, key, uploadId, ex).orElseThrow(() -> ex);
		}
	}

	/** The key's object if it is the one this write stored, although the write failed. */
	private Optional<ScanResponse.Stored> ours(String bucket, String key, String uploadId, StorageException failure) {
		Optional<ObjectInfo> ours;
		try {
			ours = this.store.headWithMetadata(bucket, key, UPLOAD_ID_METADATA, uploadId);
		}
		catch (RuntimeException ex) {
			// S3 still fails: the write's own failure is the answer (retryable).
			logger.warn("Cannot read back s3://{}/{} after its write failed: {}", bucket, key, ex.getMessage());
			return Optional.empty();
		}
		ours.ifPresent((object) -> logger.info(
				"The write of s3://{}/{} failed ({}) but S3 had stored it (version {}): answered as stored", bucket,
				key, failure.getMessage(), object.versionId()));
		return ours.map((object) -> new ScanResponse.Stored(bucket, key, object.versionId(), object.eTag()));
	}

}
