package dev.bucketwarden.console.economics;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import dev.bucketwarden.console.audit.AuditLog;
import dev.bucketwarden.console.web.AwsUnavailableException;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;

/**
 * The price table: the item {@code pk = PRICES, sk = CURRENT} of the settings table
 * beside the other global settings, {@link Prices#DEFAULTS} until an admin saves one.
 * Changes are audited with their old and new values.
 */
@Service
public class PriceBook {

	private static final Map<String, AttributeValue> KEY = DynamoDbSettingsTable.key("PRICES", "CURRENT");

	private final DynamoDbSettingsTable table;

	private final AuditLog audit;

	PriceBook(DynamoDbSettingsTable table, AuditLog audit) {
		this.table = table;
		this.audit = audit;
	}

	public Prices current() {
		try {
			Map<String, AttributeValue> item = this.table.client()
				.getItem((request) -> request.tableName(this.table.name()).consistentRead(true).key(KEY))
				.item();
			if (item == null || item.isEmpty()) {
				return Prices.DEFAULTS;
			}
			Map<String, String> values = new LinkedHashMap<>();
			Prices.DEFAULTS.asMap().keySet().forEach((name) -> {
				if (item.containsKey(name)) {
					values.put(name, item.get(name).n());
				}
			});
			return Prices.fromMap(values);
		}
		catch (SdkException ex) {
			throw new AwsUnavailableException("Reading the prices from " + this.table.name() + " failed", ex);
		}
	}

	/** Saves a complete price table; returns it. */
	public Prices save(Authentication user, Prices prices) {
		Prices before = current();
		Map<String, AttributeValue> item = new HashMap<>(KEY);
		prices.asMap().forEach((name, value) -> item.put(name, AttributeValue.fromN(value.toPlainString())));
		try {
			this.table.client().putItem((request) -> request.tableName(this.table.name()).item(item));
		}
		catch (SdkException ex) {
			throw new AwsUnavailableException("Saving the prices to " + this.table.name() + " failed", ex);
		}
		Map<String, String> changes = new LinkedHashMap<>();
		Map<String, BigDecimal> old = before.asMap();
		prices.asMap().forEach((name, value) -> {
			if (old.get(name).compareTo(value) != 0) {
				changes.put(name, old.get(name).toPlainString() + " -> " + value.toPlainString());
			}
		});
		this.audit.record(user, "prices.update", "prices", changes);
		return prices;
	}

}
