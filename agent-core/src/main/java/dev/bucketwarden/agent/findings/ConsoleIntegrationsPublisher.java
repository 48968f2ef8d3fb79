package dev.bucketwarden.agent.findings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.results.ScanRecord;
import dev.bucketwarden.agent.settings.DynamoDbSettingsTable;
import dev.bucketwarden.agent.settings.StoredIntegrations;
import dev.bucketwarden.agent.storage.StorageException;

/**
 * Publishes findings to the integrations saved in the console (SNS topic, EventBridge
 * bus, webhook), kept current like bucket settings: at most once per
 * {@code refreshInterval} a publish checks the settings table's change version and
 * re-reads the integrations item only when it moved. So a change made in the console
 * reaches a running agent within the refresh interval, without a restart.
 *
 * <p>
 * If a check fails the integrations in use stay in use and the next publish tries again;
 * if the very first read fails, the publish fails with the {@link StorageException} (the
 * scan is retried). A failed delivery to one of the integrations is logged and counted,
 * not retried: these are notifications the console adds on top of the agent's own sinks,
 * and their outage must not stop scanning.
 */
public class ConsoleIntegrationsPublisher implements FindingPublisher {

	private static final Logger logger = LoggerFactory.getLogger(ConsoleIntegrationsPublisher.class);

	private final DynamoDbSettingsTable table;

	private final Function<StoredIntegrations, List<FindingPublisher>> sinks;

	private final Duration refreshInterval;

	private final Clock clock;

	private volatile Snapshot snapshot;

	private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();

	/**
	 * @param sinks builds the publishers for a set of integrations (leaving out those the
	 * agent's own configuration already has)
	 */
	public ConsoleIntegrationsPublisher(DynamoDbSettingsTable table,
			Function<StoredIntegrations, List<FindingPublisher>> sinks, Duration refreshInterval, Clock clock) {
		this.table = table;
		this.sinks = sinks;
		this.refreshInterval = refreshInterval;
		this.clock = clock;
	}

	@Override
	public void publish(ScanRecord record) {
		for (FindingPublisher publisher : current().publishers()) {
			try {
				publisher.publish(record);
			}
			catch (StorageException ex) {
				// Best effort, unlike the agent's own sinks: a chat webhook that is down,
				// or a
				// topic the agent may not publish to, must not hold back scanning (every
				// scan
				// would retry into the dead-letter queue, infected ones recorded as
				// errors).
				this.failures.incrementAndGet();
				logger.warn("Finding of s3://{}/{} not delivered to a console integration: {}", record.bucket(),
						record.key(), ex.getMessage());
			}
		}
	}

	/** How many deliveries to the console's integrations failed (logged, not retried). */
	public long failures() {
		return this.failures.get();
	}

	/** The integrations in use, as last read. */
	public StoredIntegrations integrations() {
		return current().integrations();
	}

	private Snapshot current() {
		Snapshot known = this.snapshot;
		Instant now = this.clock.instant();
		if (known != null && now.isBefore(known.checkedAt().plus(this.refreshInterval))) {
			return known;
		}
		synchronized (this) {
			known = this.snapshot;
			if (known != null && now.isBefore(known.checkedAt().plus(this.refreshInterval))) {
				return known;
			}
			try {
				this.snapshot = refresh(known, now);
			}
			catch (StorageException ex) {
				if (known == null) {
					throw ex;
				}
				logger.warn("Keeping the integrations of version {}: {}", known.version(), ex.getMessage());
				this.snapshot = new Snapshot(known.version(), known.integrations(), known.publishers(), now);
			}
			return this.snapshot;
		}
	}

	private Snapshot refresh(Snapshot known, Instant now) {
		long version = this.table.version();
		if (known != null && known.version() == version) {
			return new Snapshot(version, known.integrations(), known.publishers(), now);
		}
		// Read after the version: the counter is bumped after each write, so a change
		// landing in between is picked up at the next check.
		StoredIntegrations integrations = this.table.integrations();
		if (known != null && known.integrations().equals(integrations)) {
			return new Snapshot(version, integrations, known.publishers(), now);
		}
		List<FindingPublisher> publishers = List.copyOf(this.sinks.apply(integrations));
		logger.info("Integrations version {} from {}: SNS topic {}, EventBridge bus {}, webhook {} ({} extra sink(s))",
				version, this.table.name(), orNone(integrations.snsTopicArn()), orNone(integrations.eventBus()),
				(integrations.webhookUrl() != null) ? "set" : "none", publishers.size());
		return new Snapshot(version, integrations, publishers, now);
	}

	private static String orNone(String value) {
		return (value != null) ? value : "none";
	}

	private record Snapshot(long version, StoredIntegrations integrations, List<FindingPublisher> publishers,
			Instant checkedAt) {
	}

}
