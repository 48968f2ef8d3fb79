package dev.bucketwarden.agent.findings;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.store.drift.TagDrift;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;
import dev.bucketwarden.store.settings.StoredIntegrations;
import dev.bucketwarden.store.settings.VersionedCache;

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

	private final VersionedCache<Sinks> current;

	private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();

	/**
	 * @param sinks builds the publishers for a set of integrations (leaving out those the
	 * agent's own configuration already has)
	 */
	public ConsoleIntegrationsPublisher(DynamoDbSettingsTable table,
			Function<StoredIntegrations, List<FindingPublisher>> sinks, Duration refreshInterval, Clock clock) {
		this.table = table;
		this.sinks = sinks;
		this.current = new VersionedCache<>("integrations", table::version, this::load, refreshInterval, clock);
	}

	@Override
	public void publish(ScanRecord record) {
		publish(record, null);
	}

	@Override
	public void publish(ScanRecord record, @Nullable ScanRecord replaced) {
		for (FindingPublisher publisher : this.current.get().publishers()) {
			try {
				publisher.publish(record, replaced);
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

	/** Tag drifts, best effort like scan findings. */
	@Override
	public void publish(TagDrift drift) {
		for (FindingPublisher publisher : this.current.get().publishers()) {
			try {
				publisher.publish(drift);
			}
			catch (StorageException ex) {
				this.failures.incrementAndGet();
				logger.warn("Tag drift of s3://{}/{} not delivered to a console integration: {}", drift.bucket(),
						drift.key(), ex.getMessage());
			}
		}
	}

	/** How many deliveries to the console's integrations failed (logged, not retried). */
	public long failures() {
		return this.failures.get();
	}

	/** The integrations in use, as last read. */
	public StoredIntegrations integrations() {
		return this.current.get().integrations();
	}

	private Sinks load(Sinks previous) {
		StoredIntegrations integrations = this.table.integrations();
		if (previous != null && previous.integrations().equals(integrations)) {
			return previous;
		}
		List<FindingPublisher> publishers = List.copyOf(this.sinks.apply(integrations));
		logger.info(
				"Integrations from {}: SNS topic {}, EventBridge bus {}, webhook {}, Security Hub {} ({} extra sink(s))",
				this.table.name(), orNone(integrations.snsTopicArn()), orNone(integrations.eventBus()),
				(integrations.webhookUrl() != null) ? "set" : "none", integrations.securityHub(), publishers.size());
		return new Sinks(integrations, publishers);
	}

	private static String orNone(String value) {
		return (value != null) ? value : "none";
	}

	private record Sinks(StoredIntegrations integrations, List<FindingPublisher> publishers) {
	}

}
