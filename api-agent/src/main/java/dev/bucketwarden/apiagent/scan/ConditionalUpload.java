package dev.bucketwarden.apiagent.scan;

import java.nio.file.Path;
import java.util.Map;

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
 */
@Component
class ConditionalUpload {

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
		try {
			ObjectInfo stored = this.store.upload(bucket, key, file, contentType, metadata, tags, overwrite);
			return new ScanResponse.Stored(bucket, key, stored.versionId(), stored.eTag());
		}
		catch (ObjectExistsException ex) {
			throw new ApiException(HttpStatus.CONFLICT,
					"An object with this key exists; nothing was stored " + "(ask with overwrite=true to replace it)",
					null);
		}
		catch (StorageAccessDeniedException ex) {
			// Answered as before, when S3's 403 reached the handler as an SDK error: the
			// agent's role is short of a permission, not the caller.
			throw new StorageException(ex.getMessage(), ex);
		}
	}

}
