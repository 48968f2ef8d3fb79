package dev.bucketwarden.agent.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;

import static dev.bucketwarden.agent.storage.S3Call.call;
import static dev.bucketwarden.agent.storage.S3Call.describe;
import static dev.bucketwarden.agent.storage.S3Call.quote;

/**
 * Copies a version too large for one CopyObject (S3 stops at 5 GB) range by range, each
 * range pinned to the source's version and ETag. A failed copy is aborted, so no
 * unfinished upload is left to be billed.
 * <p>
 * S3 takes at most {@value #MAX_PARTS} parts of at most 5 GiB: the configured part size
 * is raised, for an object it would cut into more parts, to the smallest whole MiB that
 * keeps it within them (a 5 TiB object in parts of 525 MiB, not 10,240 parts of 512 MiB
 * that S3 would refuse after copying them all).
 */
final class MultipartCopy {

	/** S3's most parts in one multipart upload. */
	static final int MAX_PARTS = 10_000;

	/** S3's largest part. */
	static final long MAX_PART_SIZE = 5L << 30;

	private static final long MIB = 1L << 20;

	private final BucketClients clients;

	private final long partSize;

	MultipartCopy(BucketClients clients, long partSize) {
		this.clients = clients;
		this.partSize = partSize;
	}

	/**
	 * @param head the source's HEAD, for its content headers
	 * @param metadata the copy's user metadata
	 * @return the version the copy made
	 */
	String copy(ObjectInfo source, HeadObjectResponse head, String targetBucket, String targetKey,
			Map<String, String> metadata) {
		// The source's client: its role reads the source and may write the target.
		S3Client s3 = this.clients.forBucket(source.bucket());
		String description = "multipart COPY " + describe(source);
		long partSize = partSize(this.partSize, source.size());
		String uploadId = call(description,
				() -> s3.createMultipartUpload((request) -> request.bucket(targetBucket)
					.key(targetKey)
					.metadata(metadata)
					.contentType(head.contentType())
					.contentEncoding(head.contentEncoding())
					.contentDisposition(head.contentDisposition())
					.cacheControl(head.cacheControl())))
			.uploadId();
		try {
			List<CompletedPart> parts = new ArrayList<>();
			int number = 1;
			for (long start = 0; start < source.size(); start += partSize, number++) {
				long end = Math.min(source.size(), start + partSize) - 1;
				int partNumber = number;
				String range = "bytes=" + start + "-" + end;
				UploadPartCopyResponse part = call(description,
						() -> s3.uploadPartCopy((request) -> request.sourceBucket(source.bucket())
							.sourceKey(source.key())
							.sourceVersionId(source.versionId())
							.copySourceIfMatch(quote(source.eTag()))
							.copySourceRange(range)
							.destinationBucket(targetBucket)
							.destinationKey(targetKey)
							.uploadId(uploadId)
							.partNumber(partNumber)));
				parts.add(CompletedPart.builder().partNumber(partNumber).eTag(part.copyPartResult().eTag()).build());
			}
			return call(description,
					() -> s3.completeMultipartUpload((request) -> request.bucket(targetBucket)
						.key(targetKey)
						.uploadId(uploadId)
						.multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())))
				.versionId();
		}
		catch (RuntimeException ex) {
			try {
				s3.abortMultipartUpload((request) -> request.bucket(targetBucket).key(targetKey).uploadId(uploadId));
			}
			catch (SdkException abortFailure) {
				ex.addSuppressed(abortFailure);
			}
			throw ex;
		}
	}

	/**
	 * The part size for an object of this size: the configured one, or the smallest whole
	 * MiB that keeps the object within {@value #MAX_PARTS} parts.
	 * @throws IllegalArgumentException for an object no part size can copy (over 5 GiB
	 * times {@value #MAX_PARTS}, far over S3's largest object)
	 */
	static long partSize(long configured, long size) {
		long least = Math.ceilDiv(Math.ceilDiv(size, MAX_PARTS), MIB) * MIB;
		long partSize = Math.max(configured, least);
		if (partSize > MAX_PART_SIZE) {
			throw new IllegalArgumentException("An object of " + size + " bytes cannot be copied in " + MAX_PARTS
					+ " parts of at most " + MAX_PART_SIZE + " bytes");
		}
		return partSize;
	}

}
