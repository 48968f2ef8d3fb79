package dev.bucketwarden.console.buckets;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Exception;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import dev.bucketwarden.console.accounts.AccountLinks;
import dev.bucketwarden.console.accounts.AccountRoles;
import dev.bucketwarden.console.audit.AuditLog;
import dev.bucketwarden.console.config.ConsoleProperties;
import dev.bucketwarden.console.regions.BucketLocator;
import dev.bucketwarden.console.regions.ConsoleRegions;
import dev.bucketwarden.console.regions.RegionsProperties;
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

	private final ConsoleRegions regions;

	private final RegionalProtectable protectable;

	public LinkedBucketCatalog(AccountLinks links, AccountRoles roles, DynamoDbSettingsTable table, AuditLog audit,
			ConsoleProperties properties, ConsoleRegions regions, Clock clock) {
		this.links = links;
		this.roles = roles;
		this.table = table;
		this.audit = audit;
		this.clock = clock;
		this.regions = regions;
		this.protectable = new RegionalProtectable(ProtectableBuckets.of(properties.protectableBuckets()), regions);
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
			BucketLocator.Listing regionsOf = new BucketLocator(s3).listing();
			for (Bucket bucket : s3.listBucketsPaginator().buckets()) {
				StoredBucket protection = stored.get(bucket.name());
				String region = (protection != null) ? protection.home().regionOr(this.regions.home())
						: regionsOf.regionOf(bucket);
				views.put(bucket.name(), view(bucket.name(), true, protection, region));
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
				view(name, false, bucket, bucket.home().regionOr(this.regions.home()))));
		return Optional.of(List.copyOf(views.values()));
	}

	private BucketView view(String name, boolean exists, @Nullable StoredBucket protection, @Nullable String region) {
		return new BucketView(name, exists,
				(region != null) ? this.protectable.allows(name, region) : this.protectable.allowsAnywhere(name),
				protection, region, region == null || this.regions.hasAgents(region));
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
		if (!this.protectable.allowsAnywhere(bucket)) {
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
		String region = locate(link, bucket);
		if (!this.regions.hasAgents(region)) {
			throw new IllegalStateException(ConsoleRegions.noAgents(region));
		}
		if (!this.protectable.allows(bucket, region)) {
			throw new IllegalStateException(this.protectable.refusal(bucket, region));
		}
		BucketHome home = new BucketHome(this.regions.recorded(region), accountId);
		StoredBucket stored = new StoredBucket(bucket, settings, requested.rules(), requested.updatedAt(),
				requested.updatedBy(), home);
		// Wired before it is shown as protected, as for the deployment's own buckets:
		// through the role, in the bucket's region, to that region's topic.
		wiring(link, region, (wiring) -> wiring.protect(bucket));
		long version = this.table.put(stored);
		Map<String, String> details = new LinkedHashMap<>();
		details.put("account", accountId);
		details.put("region", region);
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
		String region = existing.get().home().regionOr(this.regions.home());
		if (link.isPresent() && this.regions.hasAgents(region)) {
			wiring(link.get(), region, (wiring) -> wiring.unprotect(bucket));
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

	/**
	 * The bucket's region, asked through the account's role (the console's own role may
	 * locate only its own account's buckets); a bucket S3 does not know is taken as the
	 * console region's, and wiring it fails there.
	 */
	private String locate(LinkedAccount link, String bucket) {
		try (S3Client s3 = this.roles.s3(link)) {
			return new BucketLocator(s3).locate(bucket).orElse(this.regions.home());
		}
	}

	private void wiring(LinkedAccount link, String region, Consumer<BucketWiring> change) {
		String target = this.regions.notificationTarget(region);
		if (target == null) {
			return;
		}
		URI endpoint = this.regions.entry(region).map(RegionsProperties.Region::s3Endpoint).orElse(null);
		try (S3Client s3 = this.roles.s3(link, Region.of(region), endpoint)) {
			change.accept(new S3NotificationWiring(s3, target));
		}
	}

}
