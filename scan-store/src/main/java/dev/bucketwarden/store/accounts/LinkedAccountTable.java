package dev.bucketwarden.store.accounts;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.bucketwarden.store.StoreException;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;

import static dev.bucketwarden.store.settings.DynamoDbSettingsTable.key;
import static dev.bucketwarden.store.settings.DynamoDbSettingsTable.putText;
import static dev.bucketwarden.store.settings.DynamoDbSettingsTable.text;

/**
 * Linked accounts in the settings table: one item per account ({@code pk = ACCOUNT},
 * {@code sk} = the account id). Every change moves the table's change counter, like a
 * bucket's, so the agents' caches see a new or removed link within their refresh
 * interval.
 */
public class LinkedAccountTable {

	static final String ACCOUNT = "ACCOUNT";

	private final DynamoDbSettingsTable table;

	public LinkedAccountTable(DynamoDbSettingsTable table) {
		this.table = table;
	}

	/** The change counter of the whole settings table. */
	public long version() {
		return this.table.version();
	}

	/** Every linked account, by account id. */
	public List<LinkedAccount> accounts() {
		return this.table.queryAll(ACCOUNT).stream().map(LinkedAccountTable::fromItem).toList();
	}

	public Optional<LinkedAccount> account(String accountId) {
		return this.table.item(key(ACCOUNT, accountId), "Reading the linked account " + accountId)
			.map(LinkedAccountTable::fromItem);
	}

	/** Links the account or replaces its link; returns the new change version. */
	public long put(LinkedAccount account) {
		return this.table.putItem(toItem(account), "Saving the linked account " + account.accountId());
	}

	/** Removes the link; returns the new change version. */
	public long delete(String accountId) {
		try {
			this.table.client()
				.deleteItem((request) -> request.tableName(this.table.name()).key(key(ACCOUNT, accountId)));
			return this.table.bumpVersion();
		}
		catch (SdkException ex) {
			throw new StoreException("Deleting the linked account " + accountId + " failed", ex);
		}
	}

	static Map<String, AttributeValue> toItem(LinkedAccount account) {
		Map<String, AttributeValue> item = new HashMap<>(key(ACCOUNT, account.accountId()));
		item.put("accountId", AttributeValue.fromS(account.accountId()));
		item.put("name", AttributeValue.fromS(account.name()));
		item.put("roleArn", AttributeValue.fromS(account.roleArn()));
		item.put("externalId", AttributeValue.fromS(account.externalId()));
		item.put("quarantine", AttributeValue.fromS(account.quarantine().name()));
		putText(item, "quarantineBucket", account.quarantineBucket());
		putText(item, "verifiedAt", (account.verifiedAt() != null) ? account.verifiedAt().toString() : null);
		putText(item, "verifiedArn", account.verifiedArn());
		item.put("addedAt", AttributeValue.fromS(account.addedAt().toString()));
		item.put("addedBy", AttributeValue.fromS(account.addedBy()));
		return item;
	}

	static LinkedAccount fromItem(Map<String, AttributeValue> item) {
		String verifiedAt = text(item, "verifiedAt");
		return new LinkedAccount(text(item, "accountId"), text(item, "name"), text(item, "roleArn"),
				text(item, "externalId"), AccountQuarantine.valueOf(text(item, "quarantine")),
				text(item, "quarantineBucket"), (verifiedAt != null) ? Instant.parse(verifiedAt) : null,
				text(item, "verifiedArn"), Instant.parse(text(item, "addedAt")), text(item, "addedBy"));
	}

}
