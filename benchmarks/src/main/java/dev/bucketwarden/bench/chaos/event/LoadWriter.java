package dev.bucketwarden.bench.chaos.event;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import dev.bucketwarden.bench.support.Pause;

/**
 * Writes a {@link LoadPlan} and keeps the manifest of every version written. Protected
 * buckets are written through the S3 event relay (each write raises its event), the retro
 * bucket straight to S3Mock (no events, as before protection). Writes of one key stay in
 * order; keys are written in parallel.
 */
final class LoadWriter {

	private static final int THREADS = 4;

	private static final Duration DELETE_AFTER = Duration.ofMillis(300);

	private final S3Client uploads;

	private final S3Client direct;

	private final List<ManifestEntry> manifest = Collections.synchronizedList(new ArrayList<>());

	LoadWriter(S3Client uploads, S3Client direct) {
		this.uploads = uploads;
		this.direct = direct;
	}

	/**
	 * Writes the items the filter accepts: every content of a key, except that an
	 * overwritten key gets only its first one here ({@link #overwrite}).
	 */
	void write(List<LoadPlan.Item> items, Predicate<LoadPlan.Item> filter) {
		parallel(items.stream().filter(filter).toList(), (item) -> {
			S3Client client = item.bucket().equals(LoadPlan.RETRO) ? this.direct : this.uploads;
			List<LoadPlan.Content> contents = (item.shape() == LoadPlan.Shape.OVERWRITE) ? item.contents().subList(0, 1)
					: item.contents();
			for (int i = 0; i < contents.size(); i++) {
				boolean last = i == contents.size() - 1;
				boolean overwritten = !last || item.shape() == LoadPlan.Shape.OVERWRITE;
				boolean deleted = item.shape() == LoadPlan.Shape.DELETED;
				VersionRef version = put(client, item, contents.get(i), overwritten && !item.versioned(), deleted);
				if (deleted) {
					// Right after the write, the exact version, once the relay has had
					// the moment it needs to raise the event (it reads the object for
					// it): the event is on its way or already taken.
					Pause.sleep(DELETE_AFTER);
					this.direct.deleteObject(
							(request) -> request.bucket(item.bucket()).key(item.key()).versionId(version.versionId()));
				}
			}
		});
	}

	/** Writes the last content of every overwritten key, while the run drains. */
	void overwrite(List<LoadPlan.Item> items) {
		parallel(items.stream().filter((item) -> item.shape() == LoadPlan.Shape.OVERWRITE).toList(),
				(item) -> put(this.uploads, item, item.contents().get(item.contents().size() - 1), false, false));
	}

	List<ManifestEntry> manifest() {
		synchronized (this.manifest) {
			return List.copyOf(this.manifest);
		}
	}

	private VersionRef put(S3Client client, LoadPlan.Item item, LoadPlan.Content content, boolean overwritten,
			boolean deleted) {
		ContentKind kind = content.kind();
		byte[] bytes = kind.streamed() ? null : kind.bytes(content.size(), content.seed());
		long length = (bytes != null) ? bytes.length : content.size();
		RequestBody body = (bytes != null) ? RequestBody.fromBytes(bytes) : RequestBody
			.fromContentProvider(() -> kind.open(content.size(), content.seed()), length, "application/octet-stream");
		PutObjectResponse response = client
			.putObject((request) -> request.bucket(item.bucket()).key(item.key()).contentLength(length), body);
		Instant written = Instant.now();
		VersionRef version = VersionRef.of(item.bucket(), item.key(), item.versioned() ? response.versionId() : null,
				response.eTag());
		String sha256 = sha256(
				(bytes != null) ? new ByteArrayInputStream(bytes) : kind.open(content.size(), content.seed()));
		this.manifest.add(new ManifestEntry(version, sha256, length, content.kind(), overwritten, deleted,
				item.bucket().equals(LoadPlan.RETRO), written));
		return version;
	}

	static String sha256(InputStream in) {
		try (in) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[64 * 1024];
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				digest.update(buffer, 0, n);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void parallel(List<LoadPlan.Item> items, java.util.function.Consumer<LoadPlan.Item> write) {
		try (ExecutorService executor = Executors.newFixedThreadPool(THREADS)) {
			List<Future<?>> futures = new ArrayList<>();
			items.forEach((item) -> futures.add(executor.submit(() -> write.accept(item))));
			for (Future<?> future : futures) {
				try {
					future.get();
				}
				catch (java.util.concurrent.ExecutionException ex) {
					throw new IllegalStateException("A write of the load failed", ex.getCause());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted", ex);
				}
			}
		}
	}

}
