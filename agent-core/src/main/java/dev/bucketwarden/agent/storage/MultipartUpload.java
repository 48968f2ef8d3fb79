package dev.bucketwarden.agent.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import static dev.bucketwarden.agent.storage.S3Call.call;

/**
 * Stores a local file too large for one PUT (S3 takes at most 5 GB) part by part, each
 * part streamed from its place in the file. A failed upload is aborted, so no unfinished
 * upload is left to be billed.
 */
final class MultipartUpload {

	private final BucketClients clients;

	private final long partSize;

	MultipartUpload(BucketClients clients, long partSize) {
		this.clients = clients;
		this.partSize = partSize;
	}

	/**
	 * @param metadata user metadata ({@code x-amz-meta-})
	 * @param tagging the URL-encoded tag set, empty for none
	 * @param ifNoneMatch {@code *} to complete only if no object has the key, or
	 * {@code null}
	 * @return S3's answer to the completion (version, ETag)
	 * @throws ObjectExistsException when {@code ifNoneMatch} is set and the key exists
	 */
	CompleteMultipartUploadResponse upload(String bucket, String key, Path file, long size, String contentType,
			Map<String, String> metadata, String tagging, @Nullable String ifNoneMatch, String description) {
		S3Client s3 = this.clients.forBucket(bucket);
		String uploadId = call(description,
				() -> s3.createMultipartUpload((request) -> request.bucket(bucket)
					.key(key)
					.contentType(contentType)
					.metadata(metadata)
					.tagging(tagging.isEmpty() ? null : tagging)))
			.uploadId();
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			List<CompletedPart> parts = new ArrayList<>();
			int number = 1;
			for (long start = 0; start < size; start += this.partSize, number++) {
				long length = Math.min(this.partSize, size - start);
				int partNumber = number;
				InputStream part = Channels.newInputStream(channel.position(start));
				String eTag = call(description,
						() -> s3.uploadPart((request) -> request.bucket(bucket)
							.key(key)
							.uploadId(uploadId)
							.partNumber(partNumber)
							.contentLength(length), RequestBody.fromInputStream(part, length)))
					.eTag();
				parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
			}
			return ObjectStore.conditional(description,
					() -> s3.completeMultipartUpload((request) -> request.bucket(bucket)
						.key(key)
						.uploadId(uploadId)
						.ifNoneMatch(ifNoneMatch)
						.multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())));
		}
		catch (IOException | RuntimeException ex) {
			try {
				s3.abortMultipartUpload((request) -> request.bucket(bucket).key(key).uploadId(uploadId));
			}
			catch (SdkException abortFailure) {
				ex.addSuppressed(abortFailure);
			}
			throw (ex instanceof RuntimeException runtime) ? runtime
					: new StorageException(description + " failed: " + ex.getMessage(), ex);
		}
	}

}
