package dev.bucketwarden.store.accounts;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.junit.DynamoDbLocalExtension;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Linked accounts in the settings table against DynamoDB Local: written, read back whole,
 * removed, and every change moves the counter the agents' caches watch.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class LinkedAccountTableIntegrationTests {

	private static final Instant ADDED = Instant.parse("2026-12-06T10:00:00Z");

	private static int tables;

	private LinkedAccountTable accounts;

	@BeforeEach
	void createTable(DynamoDbLocalServer server) {
		DynamoDbClient dynamo = AwsClients.dynamoDb(server);
		String name = "accounts-" + (++tables);
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbSettingsTable.tableDefinition(name),
				Duration.ofSeconds(30));
		this.accounts = new LinkedAccountTable(new DynamoDbSettingsTable(dynamo, name));
	}

	@Test
	void shouldKeepALinkAndMoveTheVersionOnEveryChange() {
		LinkedAccount link = link("111122223333", AccountQuarantine.IN_ACCOUNT, "linked-q");
		long added = this.accounts.put(link);
		assertThat(added).isPositive();
		assertThat(this.accounts.account("111122223333")).contains(link);

		LinkedAccount verified = link.verified(ADDED.plusSeconds(60),
				"arn:aws:sts::111122223333:assumed-role/bucketwarden-linked/bucketwarden-console");
		long changed = this.accounts.put(verified);
		assertThat(changed).isGreaterThan(added);
		assertThat(this.accounts.account("111122223333")).contains(verified);

		this.accounts.put(link("444455556666", AccountQuarantine.CENTRAL, null));
		assertThat(this.accounts.accounts()).extracting(LinkedAccount::accountId)
			.containsExactly("111122223333", "444455556666");

		long removed = this.accounts.delete("111122223333");
		assertThat(removed).isGreaterThan(changed).isEqualTo(this.accounts.version());
		assertThat(this.accounts.account("111122223333")).isEmpty();
		assertThat(this.accounts.accounts()).extracting(LinkedAccount::accountId).containsExactly("444455556666");
	}

	@Test
	void shouldRefuseALinkThatCannotWork() {
		assertThatIllegalArgumentException().isThrownBy(() -> link("1234", AccountQuarantine.CENTRAL, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LinkedAccount("111122223333", "x", "arn:aws:iam::999999999999:role/other", "e",
					AccountQuarantine.CENTRAL, null, null, null, ADDED, "a"))
			.withMessageContaining("Not a role of account 111122223333");
		assertThatIllegalArgumentException().isThrownBy(() -> link("111122223333", AccountQuarantine.IN_ACCOUNT, " "))
			.withMessageContaining("quarantine bucket");
	}

	private static LinkedAccount link(String account, AccountQuarantine quarantine, String bucket) {
		return new LinkedAccount(account, "Team " + account, "arn:aws:iam::" + account + ":role/bucketwarden-linked",
				"ext-" + account, quarantine, bucket, null, null, ADDED, "admin");
	}

}
