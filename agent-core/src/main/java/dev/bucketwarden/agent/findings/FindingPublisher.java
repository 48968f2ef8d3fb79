package dev.bucketwarden.agent.findings;

import dev.bucketwarden.store.drift.TagDrift;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * Sends a scan's finding somewhere; throws when it did not go out, so the scan is
 * retried.
 */
public interface FindingPublisher {

	void publish(ScanRecord record);

	/**
	 * Sends a tag drift a drift check found; throws when it did not go out, so the check
	 * is retried. A sink that cannot carry drifts fails rather than drop them quietly.
	 */
	default void publish(TagDrift drift) {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot publish tag drifts");
	}

}
