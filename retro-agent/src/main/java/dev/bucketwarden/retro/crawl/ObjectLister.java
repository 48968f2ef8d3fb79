package dev.bucketwarden.retro.crawl;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Object;

import dev.bucketwarden.agent.storage.BucketClients;
import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.jobs.KeyOrder;
import dev.bucketwarden.jobs.Partition;

/**
 * Lists partitions one page at a time (ListObjectsV2, or ListObjectVersions for all
 * versions), so memory holds one page whatever the bucket's size, and finds the common
 * prefixes a bucket is split by. A page's checkpoint is the last key it listed
 * (start-after) or the version markers S3 returned.
 */
class ObjectLister {

	private static final String DELIMITER = "/";

	private final BucketClients clients;

	private final int pageSize;

	ObjectLister(BucketClients clients, int pageSize) {
		this.clients = clients;
		this.pageSize = pageSize;
	}

	/**
	 * The common prefixes right below {@code prefix}, in key order, each once (S3Mock
	 * repeats and reorders them across pages).
	 */
	List<String> commonPrefixes(String bucket, String prefix) {
		List<String> prefixes = new ArrayList<>();
		try {
			for (ListObjectsV2Response page : this.clients.forBucket(bucket)
				.listObjectsV2Paginator((request) -> request.bucket(bucket)
					.prefix(prefix.isEmpty() ? null : prefix)
					.delimiter(DELIMITER)
					.maxKeys(this.pageSize))) {
				page.commonPrefixes().stream().map(CommonPrefix::prefix).forEach(prefixes::add);
			}
		}
		catch (SdkException ex) {
			throw new StorageException("Listing the prefixes of s3://" + bucket + "/" + prefix + " failed", ex);
		}
		return prefixes.stream().distinct().sorted(KeyOrder.COMPARATOR).toList();
	}

	/** The page at the partition's checkpoint. */
	ListedPage page(Partition partition, boolean allVersions) {
		try {
			return allVersions ? versions(partition) : objects(partition);
		}
		catch (SdkException ex) {
			throw new StorageException("Listing s3://" + partition.bucket() + "/" + partition.prefix() + " (partition "
					+ partition.index() + ") failed", ex);
		}
	}

	private ListedPage objects(Partition partition) {
		Partition.Checkpoint at = partition.checkpoint();
		ListObjectsV2Response response = this.clients.forBucket(partition.bucket()).listObjectsV2((request) -> {
			request.bucket(partition.bucket()).maxKeys(this.pageSize);
			if (!partition.prefix().isEmpty()) {
				request.prefix(partition.prefix());
			}
			if (at.keyMarker() != null) {
				request.startAfter(at.keyMarker());
			}
			else if (partition.startAt() != null) {
				request.startAfter(before(partition.startAt()));
			}
		});
		List<ListedObject> objects = new ArrayList<>(response.contents().size());
		boolean end = !Boolean.TRUE.equals(response.isTruncated());
		for (S3Object object : response.contents()) {
			if (partition.pastEnd(object.key())) {
				end = true;
				break;
			}
			if (partition.contains(object.key())) {
				objects.add(new ListedObject(object.key(), null, unquote(object.eTag()), object.lastModified(),
						object.size()));
			}
		}
		// The checkpoint is the page's last key (start-after), not the opaque
		// continuation
		// token: a key stays meaningful however long the crawl was down, and it is what
		// the partition bounds are made of anyway.
		String last = response.contents().isEmpty() ? null : response.contents().getLast().key();
		Partition.Checkpoint next = new Partition.Checkpoint(null, end ? null : last, null, at.pages() + 1,
				end || last == null);
		return new ListedPage(objects, next);
	}

	private ListedPage versions(Partition partition) {
		Partition.Checkpoint at = partition.checkpoint();
		ListObjectVersionsResponse response = this.clients.forBucket(partition.bucket())
			.listObjectVersions((request) -> {
				request.bucket(partition.bucket()).maxKeys(this.pageSize);
				if (!partition.prefix().isEmpty()) {
					request.prefix(partition.prefix());
				}
				if (at.keyMarker() != null) {
					request.keyMarker(at.keyMarker()).versionIdMarker(at.versionIdMarker());
				}
				else if (partition.startAt() != null) {
					request.keyMarker(before(partition.startAt()));
				}
			});
		List<ListedObject> objects = new ArrayList<>(response.versions().size());
		boolean end = !Boolean.TRUE.equals(response.isTruncated());
		// Delete markers have no content: only versions are listed.
		for (ObjectVersion version : response.versions()) {
			if (partition.pastEnd(version.key())) {
				end = true;
				break;
			}
			if (partition.contains(version.key())) {
				objects.add(new ListedObject(version.key(), version.versionId(), unquote(version.eTag()),
						version.lastModified(), version.size()));
			}
		}
		Partition.Checkpoint next = end ? new Partition.Checkpoint(null, null, null, at.pages() + 1, true)
				: new Partition.Checkpoint(null, response.nextKeyMarker(), response.nextVersionIdMarker(),
						at.pages() + 1, false);
		return new ListedPage(objects, next);
	}

	/**
	 * A key just before {@code key} for S3's exclusive start-after and key markers: the
	 * key without its last character sorts before it, and the few keys between the two
	 * are dropped by the partition's own bounds.
	 */
	static String before(String key) {
		return key.substring(0, key.length() - 1);
	}

	private static String unquote(String eTag) {
		return (eTag != null) ? eTag.replace("\"", "") : null;
	}

}
