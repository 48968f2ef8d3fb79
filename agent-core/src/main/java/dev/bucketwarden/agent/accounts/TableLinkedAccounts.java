package dev.bucketwarden.agent.accounts;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.bucketwarden.store.accounts.LinkedAccount;
import dev.bucketwarden.store.accounts.LinkedAccountTable;
import dev.bucketwarden.store.settings.VersionedCache;

/**
 * Linked accounts from the console's settings table, cached like the bucket settings: a
 * link added or removed in the console reaches the agent within the settings' refresh
 * interval.
 */
public final class TableLinkedAccounts implements LinkedAccounts {

	private final VersionedCache<Map<String, LinkedAccount>> accounts;

	public TableLinkedAccounts(LinkedAccountTable table, Duration refreshInterval, Clock clock) {
		this.accounts = new VersionedCache<>("linked accounts", table::version,
				(previous) -> table.accounts()
					.stream()
					.collect(Collectors.toUnmodifiableMap(LinkedAccount::accountId, Function.identity())),
				refreshInterval, clock);
	}

	@Override
	public Optional<LinkedAccount> link(String accountId) {
		return Optional.ofNullable(this.accounts.get().get(accountId));
	}

	@Override
	public Collection<LinkedAccount> all() {
		return this.accounts.get().values();
	}

}
