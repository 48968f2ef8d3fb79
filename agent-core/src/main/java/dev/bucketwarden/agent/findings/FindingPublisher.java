package dev.bucketwarden.agent.findings;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.store.drift.TagDrift;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * Sends a scan's finding somewhere; throws when it did not go out, so the scan is
 * retried.
 */
public interface FindingPublisher {

	void publish(ScanRecord record);

	/**
	 * Sends a scan's finding, knowing the record it replaced (a rescan's, or an earlier
	 * attempt's Error): a sink that keeps one finding per object version resolves it when
	 * a rescan finds the object clean. Others publish the record alone.
	 * @param replaced the version's previous record, or {@code null} when none is known
	 */
	default void publish(ScanRecord record, @Nullable ScanRecord replaced) {
		publish(record);
	}

	/**
	 * Sends a tag drift a drift check found; throws when it did not go out, so the check
	 * is retried. A sink that cannot carry drifts fails rather than drop them quietly.
	 */
	default void publish(TagDrift drift) {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot publish tag drifts");
	}

}
