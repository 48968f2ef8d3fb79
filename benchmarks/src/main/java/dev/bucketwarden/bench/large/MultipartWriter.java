package dev.bucketwarden.bench.large;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Writes the object by multipart upload, each part generated as it is sent (nothing of
 * the object is held but the parts in flight), a few parts at a time; aborts the upload
 * when a part fails. The parts go straight to S3Mock from a client that computes no
 * checksums (the relay's hop and a CRC of every byte halved the rate on a loaded
 * machine); the completion goes through the relay, which raises the object's event.
 */
final class MultipartWriter {

	private MultipartWriter() {
	}

	/**
	 * Uploads the content.
	 * @param parts the client that uploads the parts (straight to S3Mock)
	 * @param relay the client that creates and completes the upload (the relay's, so
	 * completing raises the event)
	 * @param threads parts in flight
	 * @return the object's ETag and the time the upload took
	 */
	static Written write(S3Client parts, S3Client relay, String bucket, String key, SparseContent content,
			long partSize, int threads) {
		long started = System.nanoTime();
		String uploadId = relay.createMultipartUpload((request) -> request.bucket(bucket).key(key)).uploadId();
		int count = (int) ((content.size() + partSize - 1) / partSize);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<CompletedPart>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int number = i + 1;
				long start = i * partSize;
				long end = Math.min(start + partSize, content.size());
				futures.add(executor.submit(() -> {
					String eTag = parts.uploadPart(
							(request) -> request.bucket(bucket)
								.key(key)
								.uploadId(uploadId)
								.partNumber(number)
								.contentLength(end - start),
							RequestBody.fromContentProvider(() -> content.open(start, end), end - start,
									"application/octet-stream"))
						.eTag();
					return CompletedPart.builder().partNumber(number).eTag(eTag).build();
				}));
			}
			List<CompletedPart> completed = new ArrayList<>();
			for (Future<CompletedPart> future : futures) {
				completed.add(future.get());
			}
			String eTag = relay
				.completeMultipartUpload((request) -> request.bucket(bucket)
					.key(key)
					.uploadId(uploadId)
					.multipartUpload((upload) -> upload.parts(completed)))
				.eTag();
			return new Written(eTag, count, System.nanoTime() - started);
		}
		catch (InterruptedException | ExecutionException | RuntimeException ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			executor.shutdownNow();
			try {
				relay.abortMultipartUpload((request) -> request.bucket(bucket).key(key).uploadId(uploadId));
			}
			catch (RuntimeException abort) {
				ex.addSuppressed(abort);
			}
			throw new IllegalStateException("The multipart upload of s3://" + bucket + "/" + key + " failed", ex);
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * The written object.
	 *
	 * @param eTag its ETag
	 * @param parts how many upload parts
	 * @param nanos the upload's wall time
	 */
	record Written(String eTag, int parts, long nanos) {
	}

}
