package dev.bucketwarden.console.buckets;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Exception;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import dev.bucketwarden.console.accounts.AccountLinks;
import dev.bucketwarden.console.accounts.AccountRoles;
import dev.bucketwarden.console.audit.AuditLog;
import dev.bucketwarden.console.config.ConsoleProperties;
import dev.bucketwarden.console.security.CurrentUser;
import dev.bucketwarden.console.web.AwsUnavailableException;
import dev.bucketwarden.store.accounts.AccountQuarantine;
import dev.bucketwarden.store.accounts.LinkedAccount;
import dev.bucketwarden.store.settings.BucketHome;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;
import dev.bucketwarden.store.settings.StoredBucket;

/**
 * The buckets of a linked account (ListBuckets through its role) and their protection:
 * wired through the role, recorded with {@code home.account}, so the agents call S3 for
 * them with the same role. Kept apart from {@link BucketCatalog} (the deployment's own
 * account) so that each stays small; the catalog hands a linked bucket's changes here.
 */
@Service
public class LinkedBucketCatalog {

	private final AccountLinks links;

	private final AccountRoles roles;

	private final DynamoDbSettingsTable table;

	private final AuditLog audit;

	private final Clock clock;

	private final ProtectableBuckets protectable;

	private final String notificationTarget;

	public LinkedBucketCatalog(AccountLinks links, AccountRoles roles, DynamoDbSettingsTable table, AuditLog audit,
			ConsoleProperties properties, Clock clock) {
		this.links = links;
		this.roles = roles;
		this.table = table;
		this.audit = audit;
		this.clock = clock;
		this.protectable = ProtectableBuckets.of(properties.protectableBuckets());
		this.notificationTarget = properties.notificationTarget();
	}

	/**
	 * The account's buckets as its role lists them, beside those of it that are
	 * protected; empty when the account is not linked.
	 */
	public Optional<List<BucketView>> list(String accountId) {
		Optional<LinkedAccount> link = this.links.account(accountId);
		if (link.isEmpty()) {
			return Optional.empty();
		}
		Map<String, StoredBucket> stored = new LinkedHashMap<>();
		this.table.buckets()
			.stream()
			.filter((bucket) -> accountId.equals(bucket.home().account()))
			.forEach((bucket) -> stored.put(bucket.bucket(), bucket));
		Map<String, BucketView> views = new TreeMap<>();
		try (S3Client s3 = this.roles.s3(link.get())) {
			for (Bucket bucket : s3.listBucketsPaginator().buckets()) {
				views.put(bucket.name(), new BucketView(bucket.name(), true, this.protectable.allows(bucket.name()),
						stored.get(bucket.name())));
			}
		}
		catch (S3Exception ex) {
			throw new IllegalStateException("The role of account " + accountId + " may not list its buckets ("
					+ S3NotificationWiring.reason(ex) + "): it needs s3:ListAllMyBuckets", ex);
		}
		catch (SdkClientException ex) {
			throw new AwsUnavailableException("S3 or STS could not be reached: " + ex.getMessage(), ex);
		}
		catch (SdkException ex) {
			throw new IllegalStateException("Acting in account " + accountId + " failed: " + ex.getMessage(), ex);
		}
		stored.forEach((name, bucket) -> views.putIfAbsent(name,
				new BucketView(name, false, this.protectable.allows(name), bucket)));
		return Optional.of(List.copyOf(views.values()));
	}

	/**
	 * Protects a bucket of a linked account, or changes its settings: wired through the
	 * account's role, its home recorded, its quarantine the link's ({@code IN_ACCOUNT}:
	 * the account's own quarantine bucket).
	 * @throws IllegalArgumentException when the settings are not valid
	 * @throws IllegalStateException when the account is not linked or not verified, the
	 * bucket is not protectable, or S3 refuses the wiring
	 */
	public StoredBucket save(Authentication user, String accountId, String bucket, BucketRequest request) {
		if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
			throw new IllegalArgumentException("Not an S3 bucket name: " + bucket);
		}
		LinkedAccount link = verifiedLink(accountId);
		if (!this.protectable.allows(bucket)) {
			throw new IllegalStateException(this.protectable.refusal(bucket));
		}
		Optional<StoredBucket> existing = this.table.bucket(bucket);
		if (existing.isPresent() && !accountId.equals(existing.get().home().account())) {
			throw new IllegalStateException("Bucket " + bucket + " is protected as a bucket of another account");
		}
		StoredBucket requested = request.toStored(bucket, this.clock.instant(), CurrentUser.name(user));
		BucketSettings settings = requested.settings();
		if (link.quarantine() == AccountQuarantine.IN_ACCOUNT) {
			// The link decides: an infected object never leaves its account.
			settings = new BucketSettings(settings.tagging(), settings.tagSchema(), settings.remediation(),
					link.quarantineBucket(), settings.maxSize(), settings.largeObjects());
		}
		if (bucket.equals(settings.quarantineBucket())) {
			throw new IllegalArgumentException("Bucket " + bucket + " cannot quarantine into itself");
		}
		BucketHome home = new BucketHome(existing.map((stored) -> stored.home().region()).orElse(null), accountId);
		StoredBucket stored = new StoredBucket(bucket, settings, requested.rules(), requested.updatedAt(),
				requested.updatedBy(), home);
		// Wired before it is shown as protected, as for the deployment's own buckets.
		wiring(link, (wiring) -> wiring.protect(bucket));
		long version = this.table.put(stored);
		Map<String, String> details = new LinkedHashMap<>();
		details.put("account", accountId);
		details.put("remediation", settings.remediation().name());
		if (settings.quarantineBucket() != null) {
			details.put("quarantineBucket", settings.quarantineBucket());
		}
		details.put("settingsVersion", Long.toString(version));
		this.audit.record(user, existing.isPresent() ? "bucket.settings" : "bucket.protect", bucket, details);
		return stored;
	}

	/** Unprotects a bucket of a linked account; false if it was not protected. */
	public boolean unprotect(Authentication user, String accountId, String bucket) {
		Optional<StoredBucket> existing = this.table.bucket(bucket);
		if (existing.isEmpty() || !accountId.equals(existing.get().home().account())) {
			return false;
		}
		Optional<LinkedAccount> link = this.links.account(accountId);
		if (link.isPresent()) {
			wiring(link.get(), (wiring) -> wiring.unprotect(bucket));
		}
		long version = this.table.delete(bucket);
		Map<String, String> details = new LinkedHashMap<>();
		details.put("account", accountId);
		details.put("settingsVersion", Long.toString(version));
		if (link.isEmpty()) {
			details.put("notification", "left as it is (the account is no longer linked)");
		}
		this.audit.record(user, "bucket.unprotect", bucket, details);
		return true;
	}

	private LinkedAccount verifiedLink(String accountId) {
		LinkedAccount link = this.links.account(accountId)
			.orElseThrow(() -> new IllegalStateException("Account " + accountId + " is not linked"));
		if (link.verifiedAt() == null) {
			throw new IllegalStateException("Account " + accountId + " is not verified: verify its link first");
		}
		return link;
	}

	private void wiring(LinkedAccount link, Consumer<BucketWiring> change) {
		if (this.notificationTarget == null || this.notificationTarget.isBlank()) {
			return;
		}
		try (S3Client s3 = this.roles.s3(link)) {
			change.accept(new S3NotificationWiring(s3, this.notificationTarget));
		}
	}

}
