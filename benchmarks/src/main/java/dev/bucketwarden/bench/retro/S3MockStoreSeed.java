package dev.bucketwarden.bench.retro;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.zip.CRC32;

import software.amazon.awssdk.services.s3.S3Client;

import dev.bucketwarden.bench.support.S3MockLayout;

/**
 * Writes a bucket of many small objects straight into S3Mock 5.2.3's store directory (one
 * folder per object with {@code binaryData} and {@code objectMetadata.json}, and the
 * bucket's {@code bucketMetadata.json} index), the layout S3Mock itself writes and loads
 * at start. Through its API S3Mock rewrites the whole bucket index on every put, so
 * filling a bucket costs O(n^2): 10 000 puts took 248 s here, 100 000 would take hours.
 * The objects are then served by S3Mock's API like any other ({@link #check}).
 */
final class S3MockStoreSeed {

	private S3MockStoreSeed() {
	}

	static void seed(Path root, String bucket, int objects, int prefixes, int size, PrintStream out) {
		long started = System.nanoTime();
		Path bucketDir = root.resolve(bucket);
		byte[] body = new byte[size];
		Arrays.fill(body, (byte) 'x');
		String etag = md5(body);
		String checksum = crc32(body);
		String now = Instant.now().toString();
		long nowMillis = Instant.parse(now).toEpochMilli();
		int perPrefix = (objects + prefixes - 1) / prefixes;
		try {
			Files.createDirectories(bucketDir);
			try (Writer index = Files.newBufferedWriter(bucketDir.resolve(S3MockLayout.BUCKET_METADATA))) {
				index.write(S3MockLayout.bucketMetadataStart(bucket, bucketDir, now));
				for (int i = 0; i < objects; i++) {
					String key = key(i, perPrefix);
					String id = UUID.randomUUID().toString();
					Path objectDir = Files.createDirectories(bucketDir.resolve(id));
					Path data = Files.write(objectDir.resolve(S3MockLayout.BINARY_DATA), body);
					Files.writeString(objectDir.resolve(S3MockLayout.OBJECT_METADATA),
							S3MockLayout.objectMetadata(id, key, size, now, nowMillis, etag, data, checksum));
					index.write(((i > 0) ? "," : "") + "\"" + key + "\":\"" + id + "\"");
				}
				index.write(S3MockLayout.BUCKET_METADATA_END);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot seed S3Mock's store in " + root, ex);
		}
		out.printf(Locale.ROOT, "seeded s3://%s with %,d objects in S3Mock's store in %.1f s%n", bucket, objects,
				(System.nanoTime() - started) / 1e9);
	}

	/** Reads a few objects back through the API, so the seeding is known to work. */
	static void check(S3Client s3, String bucket, int size) {
		String key = s3.listObjectsV2((request) -> request.bucket(bucket).maxKeys(1)).contents().getFirst().key();
		byte[] body = s3.getObjectAsBytes((request) -> request.bucket(bucket).key(key)).asByteArray();
		if (body.length != size) {
			throw new IllegalStateException("S3Mock serves " + body.length + " bytes of " + key + ", not " + size);
		}
	}

	static String key(int i, int perPrefix) {
		return String.format(Locale.ROOT, "p%04d/object-%07d", i / perPrefix, i);
	}

	private static String md5(byte[] body) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String crc32(byte[] body) {
		CRC32 crc = new CRC32();
		crc.update(body);
		return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

}
