package dev.bucketwarden.apiagent.scan;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.bucketwarden.agent.config.StorageProperties;

/**
 * Stores a clean upload with S3's conditional write: unless the caller asked to
 * overwrite, the PUT (or the completion of a multipart upload) carries
 * {@code If-None-Match: *}, so S3 itself refuses when the key exists, even when another
 * writer created it after our HEAD. The refusal (412, or 409 for a concurrent conditional
 * write) is a 409 to the caller.
 */
@Component
class ConditionalUpload {

	private static final String ANY = "*";

	private final S3Client s3;

	private final long multipartThreshold;

	private final long partSize;

	@Autowired
	ConditionalUpload(S3Client s3, StorageProperties storage) {
		this(s3, storage.multipartCopyThreshold().toBytes(), storage.multipartCopyPartSize().toBytes());
	}

	/**
	 * @param multipartThreshold larger files go in parts (S3 takes at most 5 GB in one
	 * PUT)
	 * @param partSize the size of each part
	 */
	ConditionalUpload(S3Client s3, long multipartThreshold, long partSize) {
		this.s3 = s3;
		this.multipartThreshold = multipartThreshold;
		this.partSize = partSize;
	}

	/**
	 * @param metadata user metadata ({@code x-amz-meta-})
	 * @param overwrite whether an existing object may be replaced
	 * @throws ApiException 409 when the key exists and may not be replaced
	 */
	ScanResponse.Stored put(String bucket, String key, Path file, String contentType, Map<String, String> metadata,
			Map<String, String> tags, boolean overwrite) throws IOException {
		long size = Files.size(file);
		String tagging = tags.entrySet()
			.stream()
			.map((tag) -> urlEncode(tag.getKey()) + "=" + urlEncode(tag.getValue()))
			.collect(Collectors.joining("&"));
		String ifNoneMatch = overwrite ? null : ANY;
		try {
			if (size <= this.multipartThreshold) {
				PutObjectResponse put = this.s3.putObject((request) -> request.bucket(bucket)
					.key(key)
					.contentType(contentType)
					.metadata(metadata)
					.tagging(tagging.isEmpty() ? null : tagging)
					.ifNoneMatch(ifNoneMatch), RequestBody.fromFile(file));
				return new ScanResponse.Stored(bucket, key, put.versionId(), unquote(put.eTag()));
			}
			return putInParts(bucket, key, file, size, contentType, metadata, tagging, ifNoneMatch);
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 412 || ex.statusCode() == 409) {
				throw new ApiException(HttpStatus.CONFLICT, "An object with this key exists; nothing was stored "
						+ "(ask with overwrite=true to replace it)", null);
			}
			throw ex;
		}
	}

	private ScanResponse.Stored putInParts(String bucket, String key, Path file, long size, String contentType,
			Map<String, String> metadata, String tagging, String ifNoneMatch) throws IOException {
		String uploadId = this.s3
			.createMultipartUpload((request) -> request.bucket(bucket)
				.key(key)
				.contentType(contentType)
				.metadata(metadata)
				.tagging(tagging.isEmpty() ? null : tagging))
			.uploadId();
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			List<CompletedPart> parts = new ArrayList<>();
			int number = 1;
			for (long start = 0; start < size; start += this.partSize, number++) {
				long length = Math.min(this.partSize, size - start);
				int partNumber = number;
				InputStream part = Channels.newInputStream(channel.position(start));
				String eTag = this.s3
					.uploadPart((request) -> request.bucket(bucket)
						.key(key)
						.uploadId(uploadId)
						.partNumber(partNumber)
						.contentLength(length), RequestBody.fromInputStream(part, length))
					.eTag();
				parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
			}
			CompleteMultipartUploadResponse done = this.s3.completeMultipartUpload((request) -> request.bucket(bucket)
				.key(key)
				.uploadId(uploadId)
				.ifNoneMatch(ifNoneMatch)
				.multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
			return new ScanResponse.Stored(bucket, key, done.versionId(), unquote(done.eTag()));
		}
		catch (IOException | RuntimeException ex) {
			try {
				this.s3.abortMultipartUpload((request) -> request.bucket(bucket).key(key).uploadId(uploadId));
			}
			catch (SdkException abortFailure) {
				ex.addSuppressed(abortFailure);
			}
			throw ex;
		}
	}

	private static String unquote(String eTag) {
		return (eTag != null) ? eTag.replace("\"", "") : null;
	}

	private static String urlEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
