package dev.bucketwarden.agent.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

import static dev.bucketwarden.agent.storage.S3Call.call;
import static dev.bucketwarden.agent.storage.S3Call.describe;
import static dev.bucketwarden.agent.storage.S3Call.quote;
import static dev.bucketwarden.agent.storage.S3Call.unquote;

/**
 * The S3 operations of the pipeline, each pinned to the exact version that was scanned,
 * with S3's errors sorted into "not there", "access denied" (final) and "try again"
 * (retryable).
 */
public class ObjectStore {

	/**
	 * For requests that are not idempotent (CopyObject makes a new version each time):
	 * the SDK must not retry them blindly, the caller decides.
	 */
	private static final AwsRequestOverrideConfiguration NO_SDK_RETRY = AwsRequestOverrideConfiguration.builder()
		.addPlugin((config) -> config.overrideConfiguration(
				config.overrideConfiguration().toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build()))
		.build();

	private final BucketClients clients;

	private final long multipartCopyThreshold;

	private final MultipartCopy multipartCopy;

	private final MultipartUpload multipartUpload;

	private final ObjectFetch fetch;

	private final boolean tagCountHeader;

	/**
	 * @param multipartCopyThreshold objects larger than this are copied part by part
	 * (S3's single CopyObject stops at 5 GB)
	 * @param multipartCopyPartSize the part size of such copies
	 */
	public ObjectStore(S3Client s3, long multipartCopyThreshold, long multipartCopyPartSize) {
		this(s3, multipartCopyThreshold, multipartCopyPartSize, false);
	}

	/**
	 * @param multipartCopyThreshold objects larger than this are copied part by part
	 * (S3's single CopyObject stops at 5 GB)
	 * @param multipartCopyPartSize the part size of such copies
	 * @param tagCountHeader whether the endpoint says {@code x-amz-tagging-count} on GET
	 * and HEAD whenever an object has tags, as AWS S3 does: then an answer without it
	 * means no tags, and an untagged object's tags are not read before ours are written
	 */
	public ObjectStore(S3Client s3, long multipartCopyThreshold, long multipartCopyPartSize, boolean tagCountHeader) {
		this(BucketClients.single(s3), multipartCopyThreshold, multipartCopyPartSize, tagCountHeader);
	}

	/**
	 * @param clients the S3 client of each bucket (a linked account's bucket is called
	 * through that account's role)
	 * @param multipartCopyThreshold objects larger than this are copied part by part
	 * (S3's single CopyObject stops at 5 GB)
	 * @param multipartCopyPartSize the part size of such copies
	 * @param tagCountHeader whether the endpoint says {@code x-amz-tagging-count} on GET
	 * and HEAD whenever an object has tags
	 */
	public ObjectStore(BucketClients clients, long multipartCopyThreshold, long multipartCopyPartSize,
			boolean tagCountHeader) {
		this.clients = clients;
		this.tagCountHeader = tagCountHeader;
		this.fetch = new ObjectFetch(clients, tagCountHeader);
		this.multipartCopyThreshold = multipartCopyThreshold;
		this.multipartCopy = new MultipartCopy(clients, multipartCopyPartSize);
		this.multipartUpload = new MultipartUpload(clients, multipartCopyPartSize);
	}

	private S3Client s3(String bucket) {
		return this.clients.forBucket(bucket);
	}

	/** HEAD of the object (or of the given version); empty when it does not exist. */
	public Optional<ObjectInfo> head(String bucket, String key, @Nullable String versionId) {
		try {
			HeadObjectResponse head = s3(bucket)
				.headObject((request) -> request.bucket(bucket).key(key).versionId(versionId));
			return Optional.of(new ObjectInfo(bucket, key, head.versionId(), unquote(head.eTag()), head.contentLength(),
					head.contentType(), ObjectFetch.tagCount(head.tagCount(), this.tagCountHeader)));
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return Optional.empty();
			}
			throw S3Call.translate("HEAD " + describe(bucket, key, versionId), ex);
		}
		catch (SdkException ex) {
			throw S3Call.translate("HEAD " + describe(bucket, key, versionId), ex);
		}
	}

	/**
	 * HEAD of the key's current object if its user metadata {@code name} has this value:
	 * how a writer that saw its write fail learns whether S3 stored it all the same (a
	 * connection reset, or an attempt that timed out, after S3 had written the object).
	 * Empty when there is no object or it carries another value.
	 */
	public Optional<ObjectInfo> headWithMetadata(String bucket, String key, String name, String value) {
		try {
			HeadObjectResponse head = s3(bucket).headObject((request) -> request.bucket(bucket).key(key));
			if (!value.equals(head.metadata().get(name))) {
				return Optional.empty();
			}
			return Optional.of(new ObjectInfo(bucket, key, head.versionId(), unquote(head.eTag()), head.contentLength(),
					head.contentType(), ObjectFetch.tagCount(head.tagCount(), this.tagCountHeader)));
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return Optional.empty();
			}
			throw S3Call.translate("HEAD " + describe(bucket, key, null), ex);
		}
		catch (SdkException ex) {
			throw S3Call.translate("HEAD " + describe(bucket, key, null), ex);
		}
	}

	/**
	 * Whether the key still holds this content (for an unversioned object, which may be
	 * overwritten at any time).
	 */
	public boolean isCurrent(ObjectInfo object) {
		return current(object).isPresent();
	}

	/**
	 * The key's current object if it still holds this content (for an unversioned object,
	 * which may be overwritten at any time), with its tag count as of now.
	 */
	public Optional<ObjectInfo> current(ObjectInfo object) {
		return head(object.bucket(), object.key(), null).filter((now) -> now.eTag().equals(object.eTag()));
	}

	/**
	 * GETs what a request names in one call, instead of HEAD then GET: the version when
	 * one is named, else the current object if it still has the named ETag
	 * ({@code If-Match}). The answer's headers describe exactly the bytes that stream.
	 * @param eTag the ETag the content must have, or {@code null} for whatever is current
	 */
	public ObjectFetch.Fetched fetch(String bucket, String key, @Nullable String versionId, @Nullable String eTag) {
		return this.fetch.fetch(bucket, key, versionId, eTag);
	}

	/**
	 * Streams the content of exactly this version and ETag: if the object was overwritten
	 * since HEAD, S3 refuses (412) instead of sending other bytes.
	 */
	public InputStream open(ObjectInfo object) {
		return call("GET " + describe(object),
				() -> s3(object.bucket()).getObject((request) -> request.bucket(object.bucket())
					.key(object.key())
					.versionId(object.versionId())
					.ifMatch(quote(object.eTag()))));
	}

	/**
	 * Streams bytes {@code [start, end)} of exactly this version and ETag (a ranged GET
	 * with {@code If-Match}): a part of a large object (docs/large-objects.md). An
	 * overwrite since the object was pinned is refused (412) as in {@link #open}.
	 */
	public InputStream openRange(ObjectInfo object, long start, long end) {
		if (start < 0 || end <= start || end > object.size()) {
			throw new IllegalArgumentException(
					"Range [" + start + ", " + end + ") is not inside an object of " + object.size() + " bytes");
		}
		return call("GET " + describe(object) + " bytes " + start + "-" + (end - 1),
				() -> s3(object.bucket()).getObject((request) -> request.bucket(object.bucket())
					.key(object.key())
					.versionId(object.versionId())
					.ifMatch(quote(object.eTag()))
					.range("bytes=" + start + "-" + (end - 1))));
	}

	/** The object's tags, in S3's order. */
	public Map<String, String> tags(ObjectInfo object) {
		List<Tag> tags = call("GET tagging " + describe(object),
				() -> s3(object.bucket()).getObjectTagging(
						(request) -> request.bucket(object.bucket()).key(object.key()).versionId(object.versionId()))
					.tagSet());
		Map<String, String> byKey = new LinkedHashMap<>();
		tags.forEach((tag) -> byKey.put(tag.key(), tag.value()));
		return byKey;
	}

	/** Replaces the tag set of exactly this version. */
	public void putTags(ObjectInfo object, Map<String, String> tags) {
		Tagging tagging = Tagging.builder()
			.tagSet(tags.entrySet()
				.stream()
				.map((tag) -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
				.toList())
			.build();
		call("PUT tagging " + describe(object),
				() -> s3(object.bucket()).putObjectTagging((request) -> request.bucket(object.bucket())
					.key(object.key())
					.versionId(object.versionId())
					.tagging(tagging)));
	}

	/**
	 * Copies exactly this version, with its metadata, to the target, then sets the given
	 * tags on the copy (some S3 implementations ignore tags given with a copy).
	 * @param extraMetadata user metadata added to the source's (say where a copy under a
	 * shortened key came from); empty to copy the metadata as it is
	 * @return the copy as HEAD sees it: the version this copy made, not whatever is
	 * latest under the target key
	 */
	public ObjectInfo copy(ObjectInfo source, String targetBucket, String targetKey, Map<String, String> tags,
			Map<String, String> extraMetadata) {
		String versionId;
		if (source.size() > this.multipartCopyThreshold) {
			HeadObjectResponse head = headExactly(source);
			versionId = this.multipartCopy.copy(source, head, targetBucket, targetKey,
					withExtra(head.metadata(), extraMetadata));
		}
		else {
			// Metadata of our own means replacing the source's: copy it over by hand.
			HeadObjectResponse head = extraMetadata.isEmpty() ? null : headExactly(source);
			versionId = copyOnce(source, targetBucket, targetKey,
					() -> call("COPY " + describe(source), () -> s3(source.bucket()).copyObject((request) -> {
						request.overrideConfiguration(NO_SDK_RETRY)
							.sourceBucket(source.bucket())
							.sourceKey(source.key())
							.sourceVersionId(source.versionId())
							.copySourceIfMatch(quote(source.eTag()))
							.destinationBucket(targetBucket)
							.destinationKey(targetKey)
							.metadataDirective((head != null) ? MetadataDirective.REPLACE : MetadataDirective.COPY);
						if (head != null) {
							request.metadata(withExtra(head.metadata(), extraMetadata))
								.contentType(head.contentType())
								.contentEncoding(head.contentEncoding())
								.contentDisposition(head.contentDisposition())
								.cacheControl(head.cacheControl());
						}
					})).versionId());
		}
		ObjectInfo copy = head(targetBucket, targetKey, versionId).orElseThrow(
				() -> new StorageException("The copy of " + describe(source) + " is not in " + targetBucket, null));
		putTags(copy, tags);
		return copy;
	}

	/**
	 * Runs a copy that the SDK does not retry and, when it fails, looks whether it made
	 * the copy anyway: an answer lost after S3 copied (a connection reset, a response
	 * past the attempt timeout) must not be followed by a second copy, or a version would
	 * be quarantined twice. A target whose latest version has the source's size and ETag
	 * is that copy; otherwise the failure stands and the caller's retry (a redelivery)
	 * copies again.
	 * @return the copy's version id
	 */
	private @Nullable String copyOnce(ObjectInfo source, String targetBucket, String targetKey,
			Supplier<@Nullable String> copy) {
		try {
			return copy.get();
		}
		catch (StorageException ex) {
			Optional<ObjectInfo> made = head(targetBucket, targetKey, null)
				.filter((target) -> target.size() == source.size() && target.eTag().equals(source.eTag()));
			if (made.isEmpty()) {
				throw ex;
			}
			return made.get().versionId();
		}
	}

	/**
	 * The version of an object that has this ETag, for an event that named no version: in
	 * a versioned bucket the content it was about may be an older version by now. Looks
	 * at no more than {@code maxVersions} versions of the key.
	 */
	public Optional<ObjectInfo> versionWithETag(String bucket, String key, String eTag, int maxVersions) {
		String description = "LIST versions of s3://" + bucket + "/" + key;
		String keyMarker = null;
		String versionMarker = null;
		int seen = 0;
		while (seen < maxVersions) {
			String fromKey = keyMarker;
			String fromVersion = versionMarker;
			ListObjectVersionsResponse page = call(description,
					() -> s3(bucket).listObjectVersions((request) -> request.bucket(bucket)
						.prefix(key)
						.keyMarker(fromKey)
						.versionIdMarker(fromVersion)
						.maxKeys(Math.min(1000, maxVersions))));
			for (ObjectVersion version : page.versions()) {
				seen++;
				if (version.key().equals(key) && eTag.equals(unquote(version.eTag()))) {
					return head(bucket, key, version.versionId());
				}
			}
			if (!Boolean.TRUE.equals(page.isTruncated())) {
				return Optional.empty();
			}
			keyMarker = page.nextKeyMarker();
			versionMarker = page.nextVersionIdMarker();
		}
		return Optional.empty();
	}

	private HeadObjectResponse headExactly(ObjectInfo source) {
		return call("HEAD " + describe(source),
				() -> s3(source.bucket()).headObject((request) -> request.bucket(source.bucket())
					.key(source.key())
					.versionId(source.versionId())
					.ifMatch(quote(source.eTag()))));
	}

	private static Map<String, String> withExtra(Map<String, String> metadata, Map<String, String> extra) {
		Map<String, String> all = new LinkedHashMap<>(metadata);
		all.putAll(extra);
		return all;
	}

	/**
	 * Stores a local file as an object with the given metadata and tags: one PUT up to
	 * the multipart threshold, a multipart upload above it (S3 takes at most 5 GB in one
	 * PUT). Unless {@code overwrite}, the PUT (or the multipart completion) carries
	 * {@code If-None-Match: *}, so S3 itself refuses when the key exists, even when
	 * another writer created it after any check of ours.
	 * @param metadata user metadata ({@code x-amz-meta-})
	 * @return the stored object, as S3 answered the write (no extra HEAD)
	 * @throws ObjectExistsException when the key exists and may not be replaced
	 */
	public ObjectInfo upload(String bucket, String key, Path file, String contentType, Map<String, String> metadata,
			Map<String, String> tags, boolean overwrite) {
		String description = "upload to s3://" + bucket + "/" + key;
		long size;
		try {
			size = Files.size(file);
		}
		catch (IOException ex) {
			throw new StorageException(description + ": cannot read the spooled content", ex);
		}
		String tagging = tags.entrySet()
			.stream()
			.map((tag) -> urlEncode(tag.getKey()) + "=" + urlEncode(tag.getValue()))
			.collect(Collectors.joining("&"));
		String ifNoneMatch = overwrite ? null : "*";
		if (size <= this.multipartCopyThreshold) {
			PutObjectResponse put = conditional(description,
					() -> s3(bucket).putObject((request) -> request.bucket(bucket)
						.key(key)
						.contentType(contentType)
						.metadata(metadata)
						.tagging(tagging.isEmpty() ? null : tagging)
						.ifNoneMatch(ifNoneMatch), RequestBody.fromFile(file)));
			return new ObjectInfo(bucket, key, put.versionId(), unquote(put.eTag()), size, contentType);
		}
		CompleteMultipartUploadResponse done = this.multipartUpload.upload(bucket, key, file, size, contentType,
				metadata, tagging, ifNoneMatch, description);
		return new ObjectInfo(bucket, key, done.versionId(), unquote(done.eTag()), size, contentType);
	}

	/**
	 * A write that may carry {@code If-None-Match}: S3's 412 (or 409 for a concurrent
	 * conditional write) means the key exists, not that an object changed under us.
	 */
	static <T> T conditional(String description, Supplier<T> write) {
		try {
			return write.get();
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 412 || ex.statusCode() == 409) {
				throw new ObjectExistsException(description + ": an object with this key exists", ex);
			}
			throw S3Call.translate(description, ex);
		}
		catch (SdkException ex) {
			throw S3Call.translate(description, ex);
		}
	}

	private static String urlEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** Deletes exactly this version (in an unversioned bucket, the object). */
	public void delete(ObjectInfo object) {
		call("DELETE " + describe(object), () -> s3(object.bucket()).deleteObject(
				(request) -> request.bucket(object.bucket()).key(object.key()).versionId(object.versionId())));
	}

}
