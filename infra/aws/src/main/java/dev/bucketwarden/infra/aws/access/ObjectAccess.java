package dev.bucketwarden.infra.aws.access;

import java.util.List;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * What an agent may do with objects, and nothing more: read objects and their tags in the
 * protected buckets, write their tags, copy them into the quarantine bucket and then
 * delete them, but only in the protected buckets. No wildcard actions, no {@code s3:*},
 * no bucket-level rights but listing. The protected buckets may be name patterns: see
 * {@link BucketGrants}. Every right here is one a call of agent-core's pipeline
 * ({@code ObjectStore}) makes; a right missing in AWS shows up as Error/ACCESS_DENIED,
 * never as Clean, but would leave infected objects in place.
 */
public final class ObjectAccess {

	/** Reading an object's content (HEAD too), its versions and tags. */
	static final List<String> READ = List.of("s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging",
			"s3:GetObjectVersionTagging");

	/** Writing our result tags (merged with the user's). */
	static final List<String> TAG = List.of("s3:PutObjectTagging", "s3:PutObjectVersionTagging");

	/** Removing an infected object after it was copied into quarantine. */
	static final List<String> DELETE = List.of("s3:DeleteObject", "s3:DeleteObjectVersion");

	/**
	 * Copying into quarantine (single or multipart copy), then tagging the copy's own
	 * version: in a versioned quarantine bucket that is PutObjectVersionTagging.
	 */
	static final List<String> QUARANTINE = List.of("s3:PutObject", "s3:PutObjectTagging", "s3:PutObjectVersionTagging",
			"s3:AbortMultipartUpload");

	/**
	 * HEAD of the copy just made (by its version) and, when an earlier attempt moved an
	 * object before it could say so, of the quarantine key: S3 has no HEAD right of its
	 * own.
	 */
	static final List<String> CHECK_COPY = List.of("s3:GetObject", "s3:GetObjectVersion");

	/**
	 * Listing a bucket's objects and versions: a crawl of existing objects, the version
	 * an event without a version id was about, and a HEAD that answers 404 (gone) instead
	 * of 403 (which the pipeline must record as access denied) for a key that is not
	 * there.
	 */
	static final List<String> LIST = List.of("s3:ListBucket", "s3:ListBucketVersions");

	/** HEAD of a key that is not there answers 404 instead of 403. */
	static final List<String> FIND = List.of("s3:ListBucket");

	/** Storing a clean upload (one PUT or a multipart upload, with its tags). */
	static final List<String> UPLOAD = List.of("s3:PutObject", "s3:PutObjectTagging", "s3:AbortMultipartUpload");

	private ObjectAccess() {
	}

	/**
	 * Every scanning agent (event, retro, API): scan, tag, quarantine and remove in the
	 * protected buckets, as the pipeline does for each object.
	 */
	public static void grantScanAndRemediate(IGrantable agent, List<String> protectedBuckets, String quarantineBucket) {
		String partition = Aws.PARTITION;
		grantScan(agent, protectedBuckets);
		List<String> quarantineObjects = List.of(S3Arns.objects(partition, quarantineBucket));
		add(agent,
				List.of(allow("CopyIntoQuarantine", QUARANTINE, quarantineObjects),
						allow("CheckQuarantineCopies", CHECK_COPY, quarantineObjects),
						allow("FindQuarantineCopies", FIND, List.of(S3Arns.bucket(partition, quarantineBucket)))));
	}

	/**
	 * Scan, tag and remove in the protected buckets, without the quarantine: a linked
	 * account's role whose infected objects go to the deployment's quarantine buckets
	 * ({@link #grantCopyIntoQuarantine}).
	 */
	public static void grantScan(IGrantable agent, List<String> protectedBuckets) {
		add(agent, BucketGrants.onObjects("ReadProtectedObjects", READ, protectedBuckets));
		add(agent, BucketGrants.onObjects("TagProtectedObjects", TAG, protectedBuckets));
		add(agent, BucketGrants.onObjects("RemoveInfectedProtectedObjects", DELETE, protectedBuckets));
		add(agent, BucketGrants.onBuckets("ListProtectedBuckets", LIST, protectedBuckets));
	}

	/**
	 * Copying into quarantine buckets of another account (a linked account's role into
	 * the deployment's): names or patterns of those buckets, patterns only within
	 * {@code owner}. The buckets' own policies must let the role in too.
	 */
	public static void grantCopyIntoQuarantine(IGrantable agent, List<String> quarantineBuckets, String owner) {
		add(agent, BucketGrants.onObjects("CopyIntoQuarantine", QUARANTINE, quarantineBuckets, owner));
	}

	/**
	 * The API agent: scans objects of the protected buckets on demand through the same
	 * pipeline (so it tags and remediates like the event agent) and stores clean uploads
	 * into the upload buckets, which it reads back (HEAD) after storing and before
	 * overwriting.
	 */
	public static void grantApi(IGrantable agent, List<String> protectedBuckets, String quarantineBucket,
			List<String> uploadBuckets) {
		String partition = Aws.PARTITION;
		grantScanAndRemediate(agent, protectedBuckets, quarantineBucket);
		if (!uploadBuckets.isEmpty()) {
			List<String> objects = uploadBuckets.stream().map((bucket) -> S3Arns.objects(partition, bucket)).toList();
			add(agent, List.of(allow("StoreCleanUploads", UPLOAD, objects),
					allow("CheckStoredUploads", List.of("s3:GetObject"), objects), allow("FindStoredUploads", FIND,
							uploadBuckets.stream().map((bucket) -> S3Arns.bucket(partition, bucket)).toList())));
		}
	}

	private static void add(IGrantable agent, List<PolicyStatement> statements) {
		statements.forEach(agent.getGrantPrincipal()::addToPrincipalPolicy);
	}

	static PolicyStatement allow(String sid, List<String> actions, List<String> resources) {
		return PolicyStatement.Builder.create()
			.sid(sid)
			.effect(Effect.ALLOW)
			.actions(actions)
			.resources(resources)
			.build();
	}

}
