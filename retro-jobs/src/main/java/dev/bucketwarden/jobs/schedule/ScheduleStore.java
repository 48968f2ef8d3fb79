package dev.bucketwarden.jobs.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.bucketwarden.jobs.Rescan;
import dev.bucketwarden.store.StoreException;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;

import static dev.bucketwarden.store.settings.DynamoDbSettingsTable.putText;
import static dev.bucketwarden.store.settings.DynamoDbSettingsTable.text;

/**
 * Retro scan schedules in the settings table: one item per schedule
 * ({@code pk = SCHEDULE}, {@code sk} = its name). Every write bumps the table's change
 * counter, so agents reading through a {@link VersionedCache} see it within their refresh
 * interval. The console writes; the retro agent's scheduler reads.
 */
public class ScheduleStore {

	static final String SCHEDULE = "SCHEDULE";

	private static final Logger logger = LoggerFactory.getLogger(ScheduleStore.class);

	private final DynamoDbSettingsTable table;

	public ScheduleStore(DynamoDbSettingsTable table) {
		this.table = table;
	}

	/** The table's change counter (what a {@link VersionedCache} checks). */
	public long version() {
		return this.table.version();
	}

	/**
	 * Every schedule, by name. An item that is no longer a valid schedule (written by
	 * hand, or by another version) is left out with a warning rather than stopping the
	 * others.
	 */
	public List<StoredSchedule> list() {
		List<StoredSchedule> schedules = new ArrayList<>();
		for (Map<String, AttributeValue> item : this.table.queryAll(SCHEDULE)) {
			try {
				schedules.add(fromItem(item));
			}
			catch (RuntimeException ex) {
				logger.warn("Ignoring schedule item {} of {}: {}", item.get("sk").s(), this.table.name(),
						ex.getMessage());
			}
		}
		return schedules;
	}

	public Optional<StoredSchedule> find(String name) {
		return this.table.item(DynamoDbSettingsTable.key(SCHEDULE, name), "Reading schedule " + name)
			.map(ScheduleStore::fromItem);
	}

	/** Creates or replaces the schedule; returns the new change version. */
	public long put(StoredSchedule schedule) {
		return this.table.putItem(toItem(schedule), "Saving schedule " + schedule.name());
	}

	/**
	 * Deletes the schedule.
	 * @return whether there was one (the change counter moves only then)
	 */
	public boolean delete(String name) {
		try {
			Map<String, AttributeValue> old = this.table.client()
				.deleteItem((request) -> request.tableName(this.table.name())
					.key(DynamoDbSettingsTable.key(SCHEDULE, name))
					.returnValues("ALL_OLD"))
				.attributes();
			if (old == null || old.isEmpty()) {
				return false;
			}
			this.table.bumpVersion();
			return true;
		}
		catch (SdkException ex) {
			throw new StoreException("Deleting schedule " + name + " failed", ex);
		}
	}

	static Map<String, AttributeValue> toItem(StoredSchedule stored) {
		Schedule schedule = stored.schedule();
		Map<String, AttributeValue> item = new HashMap<>(DynamoDbSettingsTable.key(SCHEDULE, stored.name()));
		item.put("name", AttributeValue.fromS(stored.name()));
		item.put("cron", AttributeValue.fromS(schedule.cron()));
		item.put("enabled", AttributeValue.fromBool(stored.enabled()));
		item.put("buckets", AttributeValue.fromL(schedule.buckets().stream().map(AttributeValue::fromS).toList()));
		putText(item, "prefix", schedule.prefix());
		putText(item, "lookback", (schedule.lookback() != null) ? schedule.lookback().toString() : null);
		item.put("allVersions", AttributeValue.fromBool(schedule.allVersions()));
		item.put("rescan", AttributeValue.fromS(schedule.rescan().name()));
		putText(item, "signaturesBefore",
				(schedule.signaturesBefore() != null) ? schedule.signaturesBefore().toString() : null);
		putText(item, "signaturesOlderThan",
				(schedule.signaturesOlderThan() != null) ? schedule.signaturesOlderThan().toString() : null);
		putText(item, "directory", schedule.directory());
		putText(item, "quarantineDirectory", schedule.quarantineDirectory());
		putText(item, "ebsVolume", schedule.ebsVolume());
		putText(item, "region", schedule.region());
		item.put("updatedAt", AttributeValue.fromS(stored.updatedAt().toString()));
		item.put("updatedBy", AttributeValue.fromS(stored.updatedBy()));
		return item;
	}

	static StoredSchedule fromItem(Map<String, AttributeValue> item) {
		AttributeValue buckets = item.get("buckets");
		String lookback = text(item, "lookback");
		String signaturesBefore = text(item, "signaturesBefore");
		String signaturesOlderThan = text(item, "signaturesOlderThan");
		// Items saved before EBS schedules and regions have neither: a schedule of the
		// scheduler's own region.
		Schedule schedule = new Schedule(item.get("cron").s(),
				(buckets != null && buckets.hasL()) ? buckets.l().stream().map(AttributeValue::s).toList() : List.of(),
				text(item, "prefix"), (lookback != null) ? Duration.parse(lookback) : null,
				item.get("allVersions").bool(), Rescan.Mode.valueOf(item.get("rescan").s()),
				(signaturesBefore != null) ? Instant.parse(signaturesBefore) : null,
				(signaturesOlderThan != null) ? Duration.parse(signaturesOlderThan) : null, text(item, "directory"),
				text(item, "quarantineDirectory"), text(item, "ebsVolume"), text(item, "region"));
		return new StoredSchedule(item.get("name").s(), item.get("enabled").bool(), schedule,
				Instant.parse(item.get("updatedAt").s()), item.get("updatedBy").s());
	}

}
