package dev.bucketwarden.agent.findings;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import dev.bucketwarden.agent.results.ScanRecord;
import dev.bucketwarden.agent.storage.StorageException;

/**
 * Puts findings on an EventBridge bus as "Object Scan Result" events shaped like
 * GuardDuty's.
 */
public class EventBridgeFindingPublisher implements FindingPublisher {

	/** Custom events cannot use {@code aws.*} sources. */
	public static final String SOURCE = "dev.bucketwarden";

	private final EventBridgeClient events;

	private final String busName;

	public EventBridgeFindingPublisher(EventBridgeClient events, String busName) {
		this.events = events;
		this.busName = busName;
	}

	@Override
	public void publish(ScanRecord record) {
		PutEventsRequestEntry entry = PutEventsRequestEntry.builder()
			.eventBusName(this.busName)
			.source(SOURCE)
			.detailType(FindingMessages.DETAIL_TYPE)
			.resources("arn:aws:s3:::" + record.bucket() + "/" + record.key())
			.detail(FindingMessages.guardDutyDetail(record))
			.build();
		PutEventsResponse response;
		try {
			response = this.events.putEvents((request) -> request.entries(entry));
		}
		catch (SdkException ex) {
			throw new StorageException("Putting the finding on bus " + this.busName + " failed", ex);
		}
		if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
			throw new StorageException(
					"EventBridge refused the finding: " + response.entries().getFirst().errorMessage(), null);
		}
	}

}
