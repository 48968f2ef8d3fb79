package dev.bucketwarden.agent.large;

import java.io.InputStream;

import dev.bucketwarden.agent.storage.ObjectInfo;

/**
 * Opens bytes {@code [start, end)} of a pinned version. In production this is
 * {@link dev.bucketwarden.agent.storage.ObjectStore#openRange} (a ranged GET with the
 * versionId and {@code If-Match}); the planner and the part scanners read through this
 * interface so that an archive larger than any test may store can be computed instead.
 */
@FunctionalInterface
public interface RangeReader {

	/**
	 * Streams the range; the caller closes it.
	 * @throws dev.bucketwarden.agent.storage.ObjectChangedException when the version was
	 * deleted or overwritten since it was pinned
	 * @throws dev.bucketwarden.agent.storage.StorageException when the source failed and
	 * trying again may help
	 */
	InputStream openRange(ObjectInfo object, long start, long end);

}
