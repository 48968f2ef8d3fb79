package dev.bucketwarden.console.buckets;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Exception;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import dev.bucketwarden.console.audit.AuditLog;
import dev.bucketwarden.console.config.ConsoleProperties;
import dev.bucketwarden.console.regions.BucketLocator;
import dev.bucketwarden.console.regions.ConsoleRegions;
import dev.bucketwarden.console.security.CurrentUser;
import dev.bucketwarden.console.web.AwsUnavailableException;
import dev.bucketwarden.console.web.Formats;
import dev.bucketwarden.store.settings.BucketHome;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;
import dev.bucketwarden.store.settings.StoredBucket;

/**
 * The account's buckets (S3 ListBuckets) beside the protected ones (the settings table);
 * protect, change and unprotect, each audited.
 */
@Service
public class BucketCatalog {

	private final S3Client s3;

	private final DynamoDbSettingsTable table;

	private final AuditLog audit;

	private final ConsoleRegions regions;

	private final BucketLocator locator;

	private final Clock clock;

	private final RegionalProtectable protectable;

	public BucketCatalog(S3Client s3, DynamoDbSettingsTable table, AuditLog audit, ConsoleProperties properties,
			ConsoleRegions regions, Clock clock) {
		this.s3 = s3;
		this.table = table;
		this.audit = audit;
		this.regions = regions;
		this.locator = new BucketLocator(s3);
		this.clock = clock;
		this.protectable = new RegionalProtectable(ProtectableBuckets.of(properties.protectableBuckets()), regions);
	}

	/**
	 * The event notification wiring of a region with agents: through the region's own S3
	 * client, to the region's own topic (S3 accepts no other).
	 */
	private BucketWiring wiring(String region) {
		String target = this.regions.notificationTarget(region);
		return (target != null) ? new S3NotificationWiring(this.regions.s3(region), target) : BucketWiring.NONE;
	}

	/** Every bucket S3 lists and every protected one, by name. */
	public List<BucketView> list() {
		Map<String, StoredBucket> stored = new LinkedHashMap<>();
		this.table.buckets().forEach((bucket) -> stored.put(bucket.bucket(), bucket));
		Map<String, BucketView> views = new TreeMap<>();
		BucketLocator.Listing regionsOf = this.locator.listing();
		for (Bucket bucket : listBuckets()) {
			StoredBucket protection = stored.get(bucket.name());
			String region = (protection != null) ? protection.home().regionOr(this.regions.home())
					: regionsOf.regionOf(bucket);
			views.put(bucket.name(), view(bucket.name(), true, protection, region));
		}
		stored.forEach((name, bucket) -> views.putIfAbsent(name,
				view(name, false, bucket, bucket.home().regionOr(this.regions.home()))));
		return List.copyOf(views.values());
	}

	/**
	 * The names and patterns of the console region's buckets this deployment can protect.
	 */
	public ProtectableBuckets protectable() {
		return this.protectable.home();
	}

	private BucketView view(String name, boolean exists, @Nullable StoredBucket protection, @Nullable String region) {
		return new BucketView(name, exists,
				(region != null) ? this.protectable.allows(name, region) : this.protectable.allowsAnywhere(name),
				protection, region, region == null || this.regions.hasAgents(region));
	}

	/** The console's regions. */
	public ConsoleRegions regions() {
		return this.regions;
	}

	/** The console's own region, which a bucket's home leaves unset. */
	public String homeRegion() {
		return this.regions.home();
	}

	private List<Bucket> listBuckets() {
		try {
			// Page by page: an account may hold more buckets than one answer lists.
			return this.s3.listBucketsPaginator().buckets().stream().toList();
		}
		catch (S3Exception ex) {
			throw new IllegalStateException("S3 did not let BucketWarden list the account's buckets ("
					+ S3NotificationWiring.reason(ex) + "): the console's role needs s3:ListAllMyBuckets", ex);
		}
		catch (SdkClientException ex) {
			throw new AwsUnavailableException("S3 could not be reached to list the buckets: " + ex.getMessage(), ex);
		}
	}

	public Optional<StoredBucket> protection(String bucket) {
		return this.table.bucket(bucket);
	}

	/**
	 * Protects the bucket with these settings, or changes them if it is protected.
	 * @throws IllegalArgumentException when the settings are not valid
	 * @throws IllegalStateException when the bucket is outside this deployment's
	 * protectable buckets, in a region without agents, or S3 refuses the bucket's event
	 * notification
	 */
	public StoredBucket save(Authentication user, String bucket, BucketRequest request) {
		if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
			throw new IllegalArgumentException("Not an S3 bucket name: " + bucket);
		}
		if (!this.protectable.allowsAnywhere(bucket)) {
			// Before S3: its answer (AccessDenied, or a destination it cannot validate)
			// would not say what to change. A bucket protected before the deployment
			// dropped it is refused too: the agents no longer have rights on it.
			throw new IllegalStateException(this.protectable.refusal(bucket));
		}
		refuseLinked(bucket);
		Optional<StoredBucket> previous = this.table.bucket(bucket);
		// A bucket S3 does not know (yet) is taken as the console region's, as before
		// regions: wiring it fails the same way.
		String region = this.locator.locate(bucket).orElse(this.regions.home());
		if (!this.regions.hasAgents(region)) {
			// Before anything is written: nothing in that region would scan it.
			throw new IllegalStateException(ConsoleRegions.noAgents(region));
		}
		if (!this.protectable.allows(bucket, region)) {
			// Each region's stack covers its own buckets only.
			throw new IllegalStateException(this.protectable.refusal(bucket, region));
		}
		StoredBucket requested = request.toStored(bucket, this.clock.instant(), CurrentUser.name(user));
		StoredBucket stored = new StoredBucket(bucket, requested.settings(), requested.rules(), requested.updatedAt(),
				requested.updatedBy(),
				new BucketHome(this.regions.recorded(region), previous.map((p) -> p.home().account()).orElse(null)));
		refuseQuarantineLoops(bucket, stored);
		boolean wasProtected = previous.isPresent();
		// Wired before it is shown as protected: a bucket S3 refuses to wire must not
		// look protected while nothing scans it. Every save checks the wiring, so a
		// bucket protected before it was wired (or unwired behind our back) is repaired.
		wiring(region).protect(bucket);
		long version = this.table.put(stored);
		Map<String, String> details = new LinkedHashMap<>(describe(stored));
		details.put("settingsVersion", Long.toString(version));
		this.audit.record(user, wasProtected ? "bucket.settings" : "bucket.protect", bucket, details);
		return stored;
	}

	/**
	 * A bucket of a linked account is wired through that account's role and keeps its
	 * home: {@link LinkedBucketCatalog} changes it, not this catalog (whose S3 client is
	 * the deployment's own).
	 */
	private void refuseLinked(String bucket) {
		this.table.bucket(bucket).filter((stored) -> stored.home().linked()).ifPresent((stored) -> {
			throw new IllegalStateException("Bucket " + bucket + " belongs to linked account " + stored.home().account()
					+ ": change it through /api/v1/accounts/" + stored.home().account() + "/buckets/" + bucket);
		});
	}

	/**
	 * A quarantine bucket holds malware on purpose: protected, its copies would be
	 * scanned (and, with remediation, moved or deleted) again, and a bucket quarantining
	 * into itself would loop. The agents skip quarantine buckets anyway; refusing here
	 * says so instead of showing a protection that does nothing.
	 */
	private void refuseQuarantineLoops(String bucket, StoredBucket stored) {
		if (bucket.equals(stored.settings().quarantineBucket())) {
			throw new IllegalArgumentException("Bucket " + bucket + " cannot quarantine into itself");
		}
		for (StoredBucket other : this.table.buckets()) {
			if (!other.bucket().equals(bucket) && bucket.equals(other.settings().quarantineBucket())) {
				throw new IllegalStateException("Bucket " + bucket + " is the quarantine bucket of " + other.bucket()
						+ ": it holds infected objects on purpose and cannot be protected");
			}
		}
	}

	/**
	 * Unprotects the bucket; false if it was not protected. A bucket outside the
	 * protectable buckets (the deployment dropped it since) keeps its event notification:
	 * the console may not change it, and the S3 event topic no longer accepts its events.
	 */
	public boolean unprotect(Authentication user, String bucket) {
		Optional<StoredBucket> stored = this.table.bucket(bucket);
		if (stored.isEmpty()) {
			return false;
		}
		refuseLinked(bucket);
		String region = stored.get().home().regionOr(this.regions.home());
		boolean protectable = this.protectable.allows(bucket, region);
		boolean agents = this.regions.hasAgents(region);
		if (protectable && agents) {
			// Through the client of the region it was wired in.
			wiring(region).unprotect(bucket);
		}
		long version = this.table.delete(bucket);
		Map<String, String> details = new LinkedHashMap<>();
		details.put("settingsVersion", Long.toString(version));
		details.put("region", region);
		if (!agents) {
			details.put("notification", "left as it is (no agents in region " + region + " any more)");
		}
		else if (!protectable) {
			details.put("notification", "left as it is (outside protectedBuckets)");
		}
		this.audit.record(user, "bucket.unprotect", bucket, details);
		return true;
	}

	private Map<String, String> describe(StoredBucket stored) {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("region", stored.home().regionOr(this.regions.home()));
		details.put("tagging", Boolean.toString(stored.settings().tagging()));
		details.put("tagSchema", stored.settings().tagSchema().name());
		details.put("remediation", stored.settings().remediation().name());
		if (stored.settings().quarantineBucket() != null) {
			details.put("quarantineBucket", stored.settings().quarantineBucket());
		}
		details.put("maxSize", Formats.size(stored.settings().maxSize()));
		details.put("largeObjects", stored.settings().largeObjects().name());
		details.put("skipPrefixes", String.join(",", stored.rules().skipPrefixes()));
		details.put("skipSuffixes", String.join(",", stored.rules().skipSuffixes()));
		details.put("allowList", String.join(",", stored.rules().allowList()));
		details.put("engines", String.join(",", stored.rules().engines()));
		return details;
	}

}
