package dev.bucketwarden.store.accounts;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An AWS account whose buckets the deployment may protect, through a role in that
 * account.
 *
 * @param accountId the 12-digit account id (the item's sort key)
 * @param name what people call it
 * @param roleArn the role the agents and the console assume in the account
 * @param externalId what the role's trust policy demands ({@code sts:ExternalId}): made
 * by the console, it stops another tenant from having us assume their named role (the
 * confused deputy); not a secret
 * @param quarantine where infected objects of its buckets go
 * @param quarantineBucket the account's own quarantine bucket ({@code IN_ACCOUNT} only)
 * @param verifiedAt when the console last assumed the role and STS named this account, or
 * {@code null} if never
 * @param verifiedArn the session ARN STS answered then
 * @param addedAt when the link was made
 * @param addedBy who made it
 */
public record LinkedAccount(String accountId, String name, String roleArn, String externalId,
		AccountQuarantine quarantine, @Nullable String quarantineBucket, @Nullable Instant verifiedAt,
		@Nullable String verifiedArn, Instant addedAt, String addedBy) {

	public LinkedAccount {
		Objects.requireNonNull(accountId, "accountId");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(roleArn, "roleArn");
		Objects.requireNonNull(externalId, "externalId");
		Objects.requireNonNull(quarantine, "quarantine");
		Objects.requireNonNull(addedAt, "addedAt");
		Objects.requireNonNull(addedBy, "addedBy");
		if (!accountId.matches("\\d{12}")) {
			throw new IllegalArgumentException("Not a 12-digit AWS account id: " + accountId);
		}
		if (!roleArn.matches("arn:[\\w-]+:iam::" + accountId + ":role/[\\w+=,.@/-]+")) {
			throw new IllegalArgumentException("Not a role of account " + accountId + ": " + roleArn);
		}
		quarantineBucket = (quarantineBucket == null || quarantineBucket.isBlank()) ? null : quarantineBucket;
		if (quarantine == AccountQuarantine.IN_ACCOUNT && quarantineBucket == null) {
			throw new IllegalArgumentException("A quarantine in the account needs the account's quarantine bucket");
		}
		if (quarantine == AccountQuarantine.CENTRAL) {
			quarantineBucket = null;
		}
	}

	/** The same link, verified now with the session ARN STS answered. */
	public LinkedAccount verified(Instant at, String arn) {
		return new LinkedAccount(this.accountId, this.name, this.roleArn, this.externalId, this.quarantine,
				this.quarantineBucket, at, arn, this.addedAt, this.addedBy);
	}

	/**
	 * Whether the agents' S3 client for this account must be made again: the role or the
	 * external id changed (a name or a verification does not).
	 */
	public boolean sameRole(LinkedAccount other) {
		return this.roleArn.equals(other.roleArn) && this.externalId.equals(other.externalId);
	}

}
