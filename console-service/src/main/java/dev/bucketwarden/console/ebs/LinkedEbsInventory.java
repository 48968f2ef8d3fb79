package dev.bucketwarden.console.ebs;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import dev.bucketwarden.console.accounts.AccountLinks;
import dev.bucketwarden.console.accounts.AccountRoles;
import dev.bucketwarden.console.web.AwsUnavailableException;
import dev.bucketwarden.store.accounts.LinkedAccount;

/**
 * The EBS volumes and snapshots of the verified linked accounts, listed through each
 * account's role (a fresh session per listing, as for its buckets) in the console's
 * region. An account whose role cannot be assumed or may not describe is shown with why,
 * beside the others.
 */
public class LinkedEbsInventory {

	private final AccountLinks links;

	private final AccountRoles roles;

	private final Region region;

	private final @Nullable URI endpoint;

	/**
	 * @param region the console's region (EBS jobs run there)
	 * @param endpoint the EC2 endpoint override
	 * ({@code bucketwarden.console.ec2-endpoint})
	 */
	public LinkedEbsInventory(AccountLinks links, AccountRoles roles, Region region, @Nullable URI endpoint) {
		this.links = links;
		this.roles = roles;
		this.region = region;
		this.endpoint = endpoint;
	}

	/** The verified link of the account, or empty. */
	public Optional<LinkedAccount> verified(String accountId) {
		return this.links.account(accountId).filter((link) -> link.verifiedAt() != null);
	}

	/**
	 * Every verified linked account's volumes and snapshots, or why they are not shown.
	 */
	public List<AccountEbs> all() {
		List<AccountEbs> accounts = new ArrayList<>();
		for (LinkedAccount link : this.links.list()) {
			if (link.verifiedAt() == null) {
				continue;
			}
			try {
				accounts.add(list(link, (inventory) -> new AccountEbs(link.accountId(), link.name(),
						inventory.volumes(), inventory.snapshots(), null)));
			}
			catch (RuntimeException ex) {
				accounts.add(new AccountEbs(link.accountId(), link.name(), List.of(), List.of(), ex.getMessage()));
			}
		}
		return accounts;
	}

	/** The account's volumes, or empty when it is not a verified link. */
	public Optional<List<VolumeView>> volumes(String accountId) {
		return verified(accountId).map((link) -> list(link, EbsInventory::volumes));
	}

	/** The account's snapshots, or empty when it is not a verified link. */
	public Optional<List<SnapshotView>> snapshots(String accountId) {
		return verified(accountId).map((link) -> list(link, EbsInventory::snapshots));
	}

	private <T> T list(LinkedAccount link, Function<EbsInventory, T> what) {
		try (Ec2Client ec2 = this.roles.ec2(link, this.region, this.endpoint)) {
			return what.apply(new EbsInventory(ec2, link.accountId()));
		}
		catch (SdkClientException ex) {
			throw new AwsUnavailableException("STS or EC2 could not be reached: " + ex.getMessage(), ex);
		}
		catch (SdkException ex) {
			throw new IllegalStateException("The role of account " + link.accountId()
					+ " could not be assumed or may not describe EBS (ec2:DescribeVolumes, ec2:DescribeSnapshots): "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * A linked account's EBS volumes and snapshots.
	 *
	 * @param accountId the account
	 * @param name its link's name
	 * @param volumes its volumes in the console's region
	 * @param snapshots the snapshots it owns there
	 * @param error why they could not be listed, or {@code null}
	 */
	public record AccountEbs(String accountId, String name, List<VolumeView> volumes, List<SnapshotView> snapshots,
			@Nullable String error) {

		public AccountEbs {
			volumes = List.copyOf(volumes);
			snapshots = List.copyOf(snapshots);
		}

	}

}
