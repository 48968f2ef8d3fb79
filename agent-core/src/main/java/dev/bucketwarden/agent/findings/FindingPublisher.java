package dev.bucketwarden.agent.findings;

import dev.bucketwarden.agent.results.ScanRecord;

/**
 * Sends a scan's finding somewhere; throws when it did not go out, so the scan is
 * retried.
 */
public interface FindingPublisher {

	void publish(ScanRecord record);

}
