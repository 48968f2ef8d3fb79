package dev.bucketwarden.agent.accounts;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

import dev.bucketwarden.agent.storage.BucketClients;
import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.store.accounts.AccountQuarantine;
import dev.bucketwarden.store.accounts.LinkedAccount;
import dev.bucketwarden.store.settings.BucketSettingsProvider;

/**
 * The S3 client of each bucket's account: the agent's own for a bucket whose home names
 * no account (or the deployment's own), the linked role's for a bucket of a linked
 * account and for that account's own quarantine bucket. One client per linked account,
 * made at its first use and kept while the link's role and external id stay the same;
 * replaced when they change, closed when the link is removed.
 */
public final class AccountClients implements BucketClients, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(AccountClients.class);

	private final S3Client own;

	private final @Nullable String ownAccount;

	private final LinkedAccounts links;

	private final BucketSettingsProvider settings;

	private final Function<LinkedAccount, S3Client> linkedClient;

	private final Map<String, Linked> clients = new ConcurrentHashMap<>();

	/**
	 * @param own the agent's own client
	 * @param ownAccount the deployment's account id, if configured
	 * @param linkedClient makes the client of a linked account (an S3 client like the
	 * agent's own whose credentials are the link's assumed role)
	 */
	public AccountClients(S3Client own, @Nullable String ownAccount, LinkedAccounts links,
			BucketSettingsProvider settings, Function<LinkedAccount, S3Client> linkedClient) {
		this.own = own;
		this.ownAccount = ownAccount;
		this.links = links;
		this.settings = settings;
		this.linkedClient = linkedClient;
	}

	@Override
	public S3Client forBucket(String bucket) {
		return forAccount(accountOf(bucket));
	}

	/**
	 * The account whose role calls S3 for the bucket: its home's account, or the linked
	 * account whose own quarantine bucket it is; {@code null} for the deployment's.
	 */
	@Nullable String accountOf(String bucket) {
		String account = this.settings.configuration(bucket).home().account();
		if (account != null) {
			return account;
		}
		return this.links.all()
			.stream()
			.filter((link) -> link.quarantine() == AccountQuarantine.IN_ACCOUNT
					&& bucket.equals(link.quarantineBucket()))
			.map(LinkedAccount::accountId)
			.findFirst()
			.orElse(null);
	}

	/** The client for an account: the agent's own for {@code null} or its own account. */
	public S3Client forAccount(@Nullable String account) {
		closeRemoved();
		if (account == null || account.equals(this.ownAccount)) {
			return this.own;
		}
		Optional<LinkedAccount> link = this.links.link(account);
		if (link.isEmpty()) {
			// The pipeline refuses such a bucket before any S3 call; this is the
			// backstop.
			throw new StorageException("Account " + account + " is not linked: no credentials for it", null);
		}
		Linked known = this.clients.get(account);
		if (known != null && known.link().sameRole(link.get())) {
			return known.client();
		}
		synchronized (this) {
			known = this.clients.get(account);
			if (known != null && known.link().sameRole(link.get())) {
				return known.client();
			}
			Linked made = new Linked(link.get(), this.linkedClient.apply(link.get()));
			this.clients.put(account, made);
			if (known != null) {
				logger.info("The role of linked account {} changed: new client for {}", account, link.get().roleArn());
				known.client().close();
			}
			return made.client();
		}
	}

	/** How many linked accounts have a client now (for tests and health). */
	int linkedClients() {
		return this.clients.size();
	}

	private void closeRemoved() {
		for (String account : this.clients.keySet()) {
			if (this.links.link(account).isEmpty()) {
				Linked removed = this.clients.remove(account);
				if (removed != null) {
					logger.info("Account {} is no longer linked: closing its client", account);
					removed.client().close();
				}
			}
		}
	}

	@Override
	public void close() {
		this.clients.values().forEach((linked) -> linked.client().close());
		this.clients.clear();
	}

	private record Linked(LinkedAccount link, S3Client client) {
	}

}
