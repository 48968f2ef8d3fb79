package dev.bucketwarden.agent.trust;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.agent.accounts.LinkedAccounts;
import dev.bucketwarden.store.settings.BucketConfiguration;

/**
 * Whether a bucket is protected: the deployment's patterns match it, where the console's
 * settings table is in use the console protects it, and the account its home names is the
 * deployment's own or a linked one. Anyone who may send to the scan queue could otherwise
 * have the agents tag, move or delete objects in any bucket their role reaches.
 */
public final class BucketProtection {

	private final BucketPatterns deployment;

	private final LinkedAccounts links;

	private final @Nullable String ownAccount;

	/** Without linked accounts: a bucket whose home names any account is refused. */
	public BucketProtection(BucketPatterns deployment) {
		this(deployment, LinkedAccounts.NONE, null);
	}

	/**
	 * @param links the accounts linked to the deployment
	 * @param ownAccount the deployment's own account id, if configured
	 */
	public BucketProtection(BucketPatterns deployment, LinkedAccounts links, @Nullable String ownAccount) {
		this.deployment = deployment;
		this.links = links;
		this.ownAccount = ownAccount;
	}

	/** No deployment patterns: the bucket's settings alone decide. */
	public static BucketProtection bySettingsOnly() {
		return new BucketProtection(BucketPatterns.of(List.of()));
	}

	/**
	 * Why the bucket is not protected, or {@code null} when it is, from its configuration
	 * as the scan read it.
	 */
	public @Nullable String refusal(BucketConfiguration bucket) {
		if (!this.deployment.matches(bucket.bucket())) {
			return "not protected: outside this deployment's protected buckets";
		}
		if (!bucket.protectedBucket()) {
			return "not protected: the console does not protect this bucket";
		}
		String account = bucket.home().account();
		if (account != null && !account.equals(this.ownAccount) && this.links.link(account).isEmpty()) {
			// Never was linked, or the link was removed after the bucket was protected.
			return "not protected: account " + account + " is not linked";
		}
		return null;
	}

	/**
	 * Why a request that names the account it was raised in (an EventBridge event's
	 * {@code account}) is refused for this bucket, or {@code null}: it must be the
	 * bucket's own account. For a bucket of the deployment's account that is the own
	 * account where configured, and never a linked one (a linked account's event cannot
	 * speak for our buckets); the deployment's allowed accounts are checked at intake.
	 */
	public @Nullable String refusal(BucketConfiguration bucket, @Nullable String requestAccount) {
		String refusal = refusal(bucket);
		if (refusal != null || requestAccount == null) {
			return refusal;
		}
		String account = bucket.home().account();
		boolean own = account == null || account.equals(this.ownAccount);
		if (!own && !account.equals(requestAccount)) {
			return "not protected: an event of account " + requestAccount + " for a bucket of account " + account;
		}
		if (own && ((this.ownAccount != null && !this.ownAccount.equals(requestAccount))
				|| (this.ownAccount == null && this.links.link(requestAccount).isPresent()))) {
			return "not protected: an event of account " + requestAccount + " for a bucket of the deployment's account";
		}
		return null;
	}

}
