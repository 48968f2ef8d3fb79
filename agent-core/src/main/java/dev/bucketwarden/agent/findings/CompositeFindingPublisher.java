package dev.bucketwarden.agent.findings;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.store.drift.TagDrift;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * Publishes to every configured sink; fails if any fails, so the scan is retried (sinks
 * may then see a finding twice: findings carry their record id for de-duplication).
 */
public class CompositeFindingPublisher implements FindingPublisher {

	private final List<FindingPublisher> publishers;

	public CompositeFindingPublisher(List<FindingPublisher> publishers) {
		this.publishers = List.copyOf(publishers);
	}

	@Override
	public void publish(ScanRecord record) {
		for (FindingPublisher publisher : this.publishers) {
			publisher.publish(record);
		}
	}

	@Override
	public void publish(ScanRecord record, @Nullable ScanRecord replaced) {
		for (FindingPublisher publisher : this.publishers) {
			publisher.publish(record, replaced);
		}
	}

	@Override
	public void publish(TagDrift drift) {
		for (FindingPublisher publisher : this.publishers) {
			publisher.publish(drift);
		}
	}

	public int size() {
		return this.publishers.size();
	}

}
