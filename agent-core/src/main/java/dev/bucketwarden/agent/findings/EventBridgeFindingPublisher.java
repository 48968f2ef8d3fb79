package dev.bucketwarden.agent.findings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.store.drift.TagDrift;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * Puts findings on an EventBridge bus as "Object Scan Result" events shaped like
 * GuardDuty's. Findings of concurrent scans share one PutEvents ({@link FindingBatcher}).
 */
public class EventBridgeFindingPublisher implements FindingPublisher {

	/** Custom events cannot use {@code aws.*} sources. */
	public static final String SOURCE = "dev.bucketwarden";

	private final EventBridgeClient events;

	private final String busName;

	private final FindingBatcher<PutEventsRequestEntry> batcher;

	public EventBridgeFindingPublisher(EventBridgeClient events, String busName) {
		this(events, busName, Duration.ZERO);
	}

	/**
	 * @param linger how long a finding waits for others to share its request when none is
	 * on its way
	 */
	public EventBridgeFindingPublisher(EventBridgeClient events, String busName, Duration linger) {
		this.events = events;
		this.busName = busName;
		this.batcher = new FindingBatcher<>(linger, EventBridgeFindingPublisher::size, this::putBatch);
	}

	@Override
	public void publish(ScanRecord record) {
		this.batcher.send(PutEventsRequestEntry.builder()
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

	private List<String> putBatch(List<PutEventsRequestEntry> entries) {
		PutEventsResponse response;
		try {
			response = this.events.putEvents((request) -> request.entries(entries));
		}
		catch (SdkException ex) {
			throw new StorageException("Putting findings on bus " + this.busName + " failed", ex);
		}
		List<String> failures = new ArrayList<>(entries.size());
		for (PutEventsResultEntry result : response.entries()) {
			failures.add((result.errorCode() != null) ? result.errorCode() + ": " + result.errorMessage() : null);
		}
		return failures;
	}

	/**
	 * EventBridge counts the detail, detail type, source and resources, in UTF-8: at most
	 * three bytes per char.
	 */
	private static int size(PutEventsRequestEntry entry) {
		int chars = entry.detail().length() + entry.detailType().length() + entry.source().length();
		for (String resource : entry.resources()) {
			chars += resource.length();
		}
		return 3 * chars;
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
