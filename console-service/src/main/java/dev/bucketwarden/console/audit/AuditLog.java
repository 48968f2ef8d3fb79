package dev.bucketwarden.console.audit;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import dev.bucketwarden.console.security.CurrentUser;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;

/**
 * Records every settings change and scan trigger twice: as an item of the settings table
 * ({@code pk = AUDIT}, {@code sk} = time and a unique suffix, so a Query returns them in
 * time order), which the Audit page reads, and as a structured log line (logger
 * {@code bucketwarden.audit}, with actor, action and target as JSON fields), which
 * CloudWatch Logs keeps for a SIEM.
 */
@Component
public class AuditLog {

	private static final Logger logger = LoggerFactory.getLogger("bucketwarden.audit");

	static final String PARTITION = "AUDIT";

	private final DynamoDbSettingsTable table;

	private final Clock clock;

	public AuditLog(DynamoDbSettingsTable table, Clock clock) {
		this.table = table;
		this.clock = clock;
	}

	/** Records what the signed-in user did. */
	public AuditEvent record(Authentication user, String action, String target, Map<String, String> details) {
		AuditEvent event = new AuditEvent(this.clock.instant(), CurrentUser.name(user), action, target, details);
		Map<String, AttributeValue> item = new HashMap<>(
				DynamoDbSettingsTable.key(PARTITION, event.at() + "#" + UUID.randomUUID()));
		item.put("at", AttributeValue.fromS(event.at().toString()));
		item.put("actor", AttributeValue.fromS(event.actor()));
		item.put("action", AttributeValue.fromS(event.action()));
		if (target != null) {
			item.put("target", AttributeValue.fromS(target));
		}
		Map<String, AttributeValue> values = new HashMap<>();
		event.details().forEach((name, value) -> values.put(name, AttributeValue.fromS(value)));
		item.put("details", AttributeValue.fromM(values));
		this.table.client().putItem((request) -> request.tableName(this.table.name()).item(item));
		LoggingEventBuilder line = logger.atInfo()
			.addKeyValue("audit.actor", event.actor())
			.addKeyValue("audit.action", event.action())
			.addKeyValue("audit.target", event.target());
		event.details().forEach((name, value) -> line.addKeyValue("audit.details." + name, value));
		line.log("{} by {} on {}", event.action(), event.actor(), event.target());
		return event;
	}

	/** The latest events, newest first. */
	public List<AuditEvent> latest(int limit) {
		return this.table.query(PARTITION, false, limit).stream().map(AuditLog::fromItem).toList();
	}

	private static AuditEvent fromItem(Map<String, AttributeValue> item) {
		Map<String, String> details = new TreeMap<>();
		AttributeValue values = item.get("details");
		if (values != null && values.hasM()) {
			values.m().forEach((name, value) -> details.put(name, value.s()));
		}
		AttributeValue target = item.get("target");
		return new AuditEvent(java.time.Instant.parse(item.get("at").s()), item.get("actor").s(),
				item.get("action").s(), (target != null) ? target.s() : null, details);
	}

}
