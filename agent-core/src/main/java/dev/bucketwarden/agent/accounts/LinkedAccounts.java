package dev.bucketwarden.agent.accounts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.bucketwarden.store.accounts.LinkedAccount;

/** The accounts linked to the deployment, as the agent last read them. */
public interface LinkedAccounts {

	/** No linked accounts: settings from configuration, no console table. */
	LinkedAccounts NONE = new LinkedAccounts() {

		@Override
		public Optional<LinkedAccount> link(String accountId) {
			return Optional.empty();
		}

		@Override
		public Collection<LinkedAccount> all() {
			return List.of();
		}

	};

	Optional<LinkedAccount> link(String accountId);

	Collection<LinkedAccount> all();

}
