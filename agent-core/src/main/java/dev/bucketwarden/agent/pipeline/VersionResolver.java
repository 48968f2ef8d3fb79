package dev.bucketwarden.agent.pipeline;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.storage.ObjectStore;

/**
 * Finds the object version a request is about. A request that names a version gets
 * exactly that one; one that names only an ETag gets the version holding that ETag, which
 * in a versioned bucket may be an older one by now, or none: then the content it was
 * about was overwritten and gets no scan of its own.
 */
final class VersionResolver {

	private static final Logger logger = LoggerFactory.getLogger(VersionResolver.class);

	/** How many versions of a key are searched for the one an event's ETag names. */
	private static final int MAX_VERSIONS_SEARCHED = 1000;

	private final ObjectStore store;

	VersionResolver(ObjectStore store) {
		this.store = store;
	}

	Resolved resolve(ScanTarget target) {
		Optional<ObjectInfo> head = this.store.head(target.bucket(), target.key(), target.versionId());
		if (head.isEmpty()) {
			return new Resolved.Gone();
		}
		ObjectInfo object = head.get();
		if (target.versionId() != null || target.eTag() == null || target.eTag().equals(object.eTag())) {
			return new Resolved.Found(object);
		}
		Optional<ObjectInfo> named = (object.versionId() != null)
				? this.store.versionWithETag(target.bucket(), target.key(), target.eTag(), MAX_VERSIONS_SEARCHED)
				: Optional.empty();
		if (named.isEmpty()) {
			logger.info("Skipping {}: overwritten since the event (ETag {} now {})", target.describe(), target.eTag(),
					object.eTag());
			return new Resolved.Overwritten();
		}
		// A versioned bucket's event without a version id (some emulators, some
		// replication paths): the content it was about is an older version now.
		logger.info("{} names no version; ETag {} is version {}", target.describe(), target.eTag(),
				named.get().versionId());
		return new Resolved.Found(named.get());
	}

	/** The version to scan, or why there is none. */
	sealed interface Resolved {

		/** The version to scan. */
		record Found(ObjectInfo object) implements Resolved {
		}

		/** Nothing is stored under the key (or the version is deleted). */
		record Gone() implements Resolved {
		}

		/** No version holds the content the request was about any more. */
		record Overwritten() implements Resolved {
		}

	}

}
