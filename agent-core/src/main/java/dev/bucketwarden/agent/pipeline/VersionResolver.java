package dev.bucketwarden.agent.pipeline;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.agent.storage.ObjectFetch;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.storage.ObjectStore;

/**
 * Finds the object version a request is about. A request that names a version gets
 * exactly that one; one that names only an ETag gets the version holding that ETag, which
 * in a versioned bucket may be an older one by now, or none: then the content it was
 * about was overwritten and gets no scan of its own.
 * <p>
 * {@link #fetch} finds and opens the version in one GET, for a request that reads it
 * anyway; {@link #resolve} finds it with HEAD, for one that may not need to read it.
 */
final class VersionResolver {

	private static final Logger logger = LoggerFactory.getLogger(VersionResolver.class);

	/** How many versions of a key are searched for the one an event's ETag names. */
	private static final int MAX_VERSIONS_SEARCHED = 1000;

	private final ObjectStore store;

	VersionResolver(ObjectStore store) {
		this.store = store;
	}

	/**
	 * Finds the version and opens it in one GET ({@code If-Match} the request's ETag);
	 * only when the key holds other content does it look further, as {@link #resolve}
	 * does. A {@link Resolved.Found} of this method carries the open content.
	 */
	Resolved fetch(ScanTarget target) {
		return switch (this.store.fetch(target.bucket(), target.key(), target.versionId(), target.eTag())) {
			case ObjectFetch.Fetched.Open open -> new Resolved.Found(open.object(), open);
			case ObjectFetch.Fetched.Gone gone -> new Resolved.Gone();
			case ObjectFetch.Fetched.OtherContent other -> resolve(target);
		};
	}

	Resolved resolve(ScanTarget target) {
		Optional<ObjectInfo> head = this.store.head(target.bucket(), target.key(), target.versionId());
		if (head.isEmpty()) {
			return new Resolved.Gone();
		}
		ObjectInfo object = head.get();
		if (target.versionId() != null || target.eTag() == null || target.eTag().equals(object.eTag())) {
			return new Resolved.Found(object, null);
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
		return new Resolved.Found(named.get(), null);
	}

	/** The version to scan, or why there is none. */
	sealed interface Resolved {

		/**
		 * The version to scan.
		 *
		 * @param object the version
		 * @param content its content, already open, or {@code null} when it is to be
		 * opened
		 */
		record Found(ObjectInfo object, ObjectFetch.Fetched.@Nullable Open content) implements Resolved {
		}

		/** Nothing is stored under the key (or the version is deleted). */
		record Gone() implements Resolved {
		}

		/** No version holds the content the request was about any more. */
		record Overwritten() implements Resolved {
		}

	}

}
