package dev.bucketwarden.console.buckets;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Exception;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import dev.bucketwarden.console.audit.AuditLog;
import dev.bucketwarden.console.config.ConsoleProperties;
import dev.bucketwarden.console.security.CurrentUser;
import dev.bucketwarden.console.web.AwsUnavailableException;
import dev.bucketwarden.console.web.Formats;
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

	private final BucketWiring wiring;

	private final Clock clock;

	private final ProtectableBuckets protectable;

	public BucketCatalog(S3Client s3, DynamoDbSettingsTable table, AuditLog audit, ConsoleProperties properties,
			Clock clock) {
		this.s3 = s3;
		this.table = table;
		this.audit = audit;
		this.wiring = (properties.notificationTarget() != null && !properties.notificationTarget().isBlank())
				? new S3NotificationWiring(s3, properties.notificationTarget()) : BucketWiring.NONE;
		this.clock = clock;
		this.protectable = ProtectableBuckets.of(properties.protectableBuckets());
	}

	/** Every bucket S3 lists and every protected one, by name. */
	public List<BucketView> list() {
		Map<String, StoredBucket> stored = new LinkedHashMap<>();
		this.table.buckets().forEach((bucket) -> stored.put(bucket.bucket(), bucket));
		Map<String, BucketView> views = new TreeMap<>();
		for (Bucket bucket : listBuckets()) {
			views.put(bucket.name(), view(bucket.name(), true, stored.get(bucket.name())));
		}
		stored.forEach((name, bucket) -> views.putIfAbsent(name, view(name, false, bucket)));
		return List.copyOf(views.values());
	}

	/** The names and patterns of the buckets this deployment can protect. */
	public ProtectableBuckets protectable() {
		return this.protectable;
	}

	private BucketView view(String name, boolean exists, StoredBucket protection) {
		return new BucketView(name, exists, this.protectable.allows(name), protection);
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
	 * protectable buckets, or S3 refuses the bucket's event notification
	 */
	public StoredBucket save(Authentication user, String bucket, BucketRequest request) {
		if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
			throw new IllegalArgumentException("Not an S3 bucket name: " + bucket);
		}
		if (!this.protectable.allows(bucket)) {
			// Before S3: its answer (AccessDenied, or a destination it cannot validate)
			// would not say what to change. A bucket protected before the deployment
			// dropped it is refused too: the agents no longer have rights on it.
			throw new IllegalStateException(this.protectable.refusal(bucket));
		}
		refuseLinked(bucket);
		StoredBucket stored = request.toStored(bucket, this.clock.instant(), CurrentUser.name(user));
		refuseQuarantineLoops(bucket, stored);
		boolean wasProtected = this.table.bucket(bucket).isPresent();
		// Wired before it is shown as protected: a bucket S3 refuses to wire must not
		// look protected while nothing scans it. Every save checks the wiring, so a
		// bucket protected before it was wired (or unwired behind our back) is repaired.
		this.wiring.protect(bucket);
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
		if (this.table.bucket(bucket).isEmpty()) {
			return false;
		}
		refuseLinked(bucket);
		boolean protectable = this.protectable.allows(bucket);
		if (protectable) {
			this.wiring.unprotect(bucket);
		}
		long version = this.table.delete(bucket);
		Map<String, String> details = new LinkedHashMap<>();
		details.put("settingsVersion", Long.toString(version));
		if (!protectable) {
			details.put("notification", "left as it is (outside protectedBuckets)");
		}
		this.audit.record(user, "bucket.unprotect", bucket, details);
		return true;
	}

	private static Map<String, String> describe(StoredBucket stored) {
		Map<String, String> details = new LinkedHashMap<>();
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
