package dev.bucketwarden.agent.large;

import dev.bucketwarden.agent.storage.ObjectInfo;

/**
 * Decides how a pinned version larger than the chain's content limit is cut into parts
 * (docs/large-objects.md). Reading the object to decide (its first bytes, a zip's
 * directory) uses ranged GETs of exactly that version.
 */
public interface LargeObjectPlanner {

	/**
	 * The plan for the object.
	 * @param window the largest part in bytes
	 * @param overlap the bytes neighbouring windows share
	 * @throws dev.bucketwarden.agent.storage.ObjectChangedException when the version was
	 * deleted or overwritten since it was pinned
	 */
	Plan plan(ObjectInfo pinned, long window, long overlap);

}
