package dev.bucketwarden.retro.ebs;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.ec2.Ec2Client;

import dev.bucketwarden.agent.accounts.LinkedAccounts;
import dev.bucketwarden.store.accounts.LinkedAccount;

/**
 * Whose EC2 credentials act on an EBS job's snapshot: the agent's own for a job of the
 * deployment's account (no account, or {@code bucketwarden.accounts.own-account}), the
 * linked role's (STS AssumeRole with the link's external id, as for a linked bucket) for
 * a job of a linked account. One EC2 client per linked account, made again when the
 * link's role or external id changes; an account that is not linked has none.
 */
public class EbsAccounts implements AutoCloseable {

	private final Snapshots own;

	private final @Nullable String ownAccount;

	private final LinkedAccounts links;

	private final Function<LinkedAccount, Ec2Client> linkedClient;

	private final Function<Ec2Client, Snapshots> snapshots;

	private final Map<String, Linked> clients = new ConcurrentHashMap<>();

	/**
	 * @param own the snapshots of the agent's own account
	 * @param ownAccount the deployment's account id
	 * ({@code bucketwarden.accounts.own-account})
	 * @param linkedClient makes a linked account's EC2 client, credentials its assumed
	 * role
	 * @param snapshots the snapshots seen through a client
	 */
	public EbsAccounts(Snapshots own, @Nullable String ownAccount, LinkedAccounts links,
			Function<LinkedAccount, Ec2Client> linkedClient, Function<Ec2Client, Snapshots> snapshots) {
		this.own = own;
		this.ownAccount = ownAccount;
		this.links = links;
		this.linkedClient = linkedClient;
		this.snapshots = snapshots;
	}

	/** Only the agent's own account (no linked account can be acted in). */
	public static EbsAccounts ownOnly(Snapshots own) {
		return new EbsAccounts(own, null, LinkedAccounts.NONE, (link) -> {
			throw new IllegalStateException("no linked accounts");
		}, (client) -> own);
	}

	/** Whether the account is another than the deployment's own (a linked one). */
	public boolean linked(@Nullable String account) {
		return account != null && !account.equals(this.ownAccount);
	}

	/**
	 * The deployment's own account id, which a linked snapshot is shared with.
	 * @throws SnapshotException when it is not configured
	 */
	public String ownAccount() {
		if (this.ownAccount == null) {
			throw new SnapshotException("bucketwarden.accounts.own-account is not set: a linked account's snapshot "
					+ "is shared with the deployment's account, which must be known", null);
		}
		return this.ownAccount;
	}

	/**
	 * The snapshots of the account, through its role when it is a linked one.
	 * @throws SnapshotException when the account is not linked
	 */
	public Snapshots snapshots(@Nullable String account) {
		if (!linked(account)) {
			return this.own;
		}
		Optional<LinkedAccount> link = this.links.link(account);
		if (link.isEmpty()) {
			throw new SnapshotException("Account " + account + " is not linked: its snapshots are not acted on", null);
		}
		return this.clients.compute(account, (key, known) -> {
			if (known != null && known.link().sameRole(link.get())) {
				return known;
			}
			if (known != null) {
				known.client().close();
			}
			Ec2Client client = this.linkedClient.apply(link.get());
			return new Linked(link.get(), client, this.snapshots.apply(client));
		}).snapshots();
	}

	@Override
	public void close() {
		this.clients.values().forEach((linked) -> linked.client().close());
		this.clients.clear();
	}

	private record Linked(LinkedAccount link, Ec2Client client, Snapshots snapshots) {
	}

}
