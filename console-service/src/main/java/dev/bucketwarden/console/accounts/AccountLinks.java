package dev.bucketwarden.console.accounts;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import dev.bucketwarden.console.audit.AuditLog;
import dev.bucketwarden.console.security.CurrentUser;
import dev.bucketwarden.console.web.AwsUnavailableException;
import dev.bucketwarden.store.accounts.AccountQuarantine;
import dev.bucketwarden.store.accounts.LinkedAccount;
import dev.bucketwarden.store.accounts.LinkedAccountTable;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;

/**
 * Links, verifies and removes AWS accounts, each change audited like a bucket's.
 */
@Service
public class AccountLinks {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final LinkedAccountTable accounts;

	private final DynamoDbSettingsTable settings;

	private final AccountRoles roles;

	private final AuditLog audit;

	private final Clock clock;

	public AccountLinks(DynamoDbSettingsTable settings, AccountRoles roles, AuditLog audit, Clock clock) {
		this.accounts = new LinkedAccountTable(settings);
		this.settings = settings;
		this.roles = roles;
		this.audit = audit;
		this.clock = clock;
	}

	public List<LinkedAccount> list() {
		return this.accounts.accounts();
	}

	public Optional<LinkedAccount> account(String accountId) {
		return this.accounts.account(accountId);
	}

	/**
	 * Links an account with a new external id (128 random bits, base64url): the admin
	 * puts it into the linked account's stack, whose role then demands it.
	 * @throws IllegalArgumentException when the request is not valid
	 * @throws IllegalStateException when the account is linked already
	 */
	public LinkedAccount add(Authentication user, AccountRequest request) {
		if (request.accountId() == null || request.roleArn() == null) {
			throw new IllegalArgumentException("An account id and a role ARN are required");
		}
		if (this.accounts.account(request.accountId()).isPresent()) {
			throw new IllegalStateException("Account " + request.accountId() + " is linked already");
		}
		AccountQuarantine quarantine = (request.quarantine() != null) ? request.quarantine()
				: AccountQuarantine.IN_ACCOUNT;
		LinkedAccount account = new LinkedAccount(request.accountId(),
				(request.name() == null || request.name().isBlank()) ? request.accountId() : request.name().strip(),
				request.roleArn().strip(), externalId(), quarantine, request.quarantineBucket(), null, null,
				this.clock.instant(), CurrentUser.name(user));
		long version = this.accounts.put(account);
		Map<String, String> details = describe(account);
		details.put("settingsVersion", Long.toString(version));
		this.audit.record(user, "account.link", account.accountId(), details);
		return account;
	}

	/**
	 * Assumes the link's role with its external id and asks STS who that is: the account
	 * in the answer must be the linked one. Records when and as whom.
	 * @return the verified link, or empty when the account is not linked
	 * @throws IllegalStateException when the role cannot be assumed or STS names another
	 * account
	 */
	public Optional<LinkedAccount> verify(Authentication user, String accountId) {
		Optional<LinkedAccount> link = this.accounts.account(accountId);
		if (link.isEmpty()) {
			return Optional.empty();
		}
		GetCallerIdentityResponse identity;
		try {
			AwsSessionCredentials credentials = this.roles.assume(link.get());
			identity = this.roles.identity(credentials);
		}
		catch (StsException ex) {
			this.audit.record(user, "account.verify.failed", accountId,
					new LinkedHashMap<>(Map.of("reason", String.valueOf(ex.awsErrorDetails().errorMessage()))));
			throw new IllegalStateException("STS refused to let BucketWarden assume " + link.get().roleArn()
					+ " with the link's external id: " + ex.awsErrorDetails().errorMessage(), ex);
		}
		catch (SdkClientException ex) {
			throw new AwsUnavailableException("STS could not be reached: " + ex.getMessage(), ex);
		}
		catch (SdkException ex) {
			throw new IllegalStateException("Assuming " + link.get().roleArn() + " failed: " + ex.getMessage(), ex);
		}
		if (!accountId.equals(identity.account())) {
			this.audit.record(user, "account.verify.failed", accountId,
					new LinkedHashMap<>(Map.of("reason", "STS answered account " + identity.account())));
			throw new IllegalStateException("The role " + link.get().roleArn() + " is in account " + identity.account()
					+ ", not in the linked account " + accountId);
		}
		LinkedAccount verified = link.get().verified(this.clock.instant(), identity.arn());
		long version = this.accounts.put(verified);
		this.audit.record(user, "account.verify", accountId,
				new LinkedHashMap<>(Map.of("arn", identity.arn(), "settingsVersion", Long.toString(version))));
		return Optional.of(verified);
	}

	/**
	 * Removes the link; false if there was none.
	 * @throws IllegalStateException while a protected bucket belongs to the account
	 */
	public boolean remove(Authentication user, String accountId) {
		if (this.accounts.account(accountId).isEmpty()) {
			return false;
		}
		List<String> protectedBuckets = this.settings.buckets()
			.stream()
			.filter((bucket) -> accountId.equals(bucket.home().account()))
			.map((bucket) -> bucket.bucket())
			.toList();
		if (!protectedBuckets.isEmpty()) {
			throw new IllegalStateException("Account " + accountId + " still has protected buckets ("
					+ String.join(", ", protectedBuckets) + "): unprotect them first");
		}
		long version = this.accounts.delete(accountId);
		this.audit.record(user, "account.unlink", accountId,
				new LinkedHashMap<>(Map.of("settingsVersion", Long.toString(version))));
		return true;
	}

	private static String externalId() {
		byte[] bits = new byte[16];
		RANDOM.nextBytes(bits);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
	}

	private static Map<String, String> describe(LinkedAccount account) {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("name", account.name());
		details.put("roleArn", account.roleArn());
		details.put("quarantine", account.quarantine().name());
		if (account.quarantineBucket() != null) {
			details.put("quarantineBucket", account.quarantineBucket());
		}
		return details;
	}

}
