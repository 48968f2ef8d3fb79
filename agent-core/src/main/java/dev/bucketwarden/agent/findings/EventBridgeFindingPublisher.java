package dev.bucketwarden.agent.findings;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.store.drift.TagDrift;
import dev.bucketwarden.store.results.ScanRecord;

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
		put(PutEventsRequestEntry.builder()
			.eventBusName(this.busName)
			.source(SOURCE)
			.detailType(FindingMessages.DETAIL_TYPE)
			.resources("arn:aws:s3:::" + record.bucket() + "/" + record.key())
			.detail(FindingMessages.guardDutyDetail(record))
			.build());
	}

	/** A drift is no scan result: an event of its own detail type, our own shape. */
	@Override
	public void publish(TagDrift drift) {
		put(PutEventsRequestEntry.builder()
			.eventBusName(this.busName)
			.source(SOURCE)
			.detailType(FindingMessages.DRIFT_DETAIL_TYPE)
			.resources("arn:aws:s3:::" + drift.bucket() + "/" + drift.key())
			.detail(FindingMessages.drift(drift))
			.build());
	}

	private void put(PutEventsRequestEntry entry) {
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
