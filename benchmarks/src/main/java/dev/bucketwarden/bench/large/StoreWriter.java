package dev.bucketwarden.bench.large;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.zip.CRC32;

import dev.bucketwarden.bench.support.S3MockLayout;

/**
 * Writes the object straight into S3Mock's store before S3Mock starts, as a bucket of one
 * object in the layout S3Mock loads ({@link S3MockLayout}): one copy on disk, where a
 * multipart upload through its API holds the object three times while it completes (a 20
 * GiB object took the shared disk from 57 to 8 GB free). The zero runs of the content are
 * left as holes of a sparse file, so only the random half takes disk space; reading a
 * hole gives zeros, so S3Mock serves the same bytes. The ETag is the MD5 of the whole
 * content, as S3 gives a single PUT, and the CRC32 checksum is S3Mock's usual one.
 */
final class StoreWriter {

	/** Written at a time; a divisor of the content's runs, so a chunk is zeros or not. */
	private static final int CHUNK = SparseContent.ZERO_RUN;

	/** How often the free disk is checked while writing. */
	private static final long CHECK_EVERY = 1L << 30;

	private StoreWriter() {
	}

	/**
	 * Writes the bucket and the object.
	 * @param root S3Mock's store root (its {@code --com.adobe.testing.s3mock.store.root})
	 * @param minimumFree the free disk below which the writing stops and the file is
	 * deleted (the disk is shared)
	 * @return the object's ETag, the time, the bytes that took disk space
	 */
	static Written write(Path root, String bucket, String key, SparseContent content, long minimumFree) {
		long started = System.nanoTime();
		Path bucketDir = root.resolve(bucket);
		String id = UUID.randomUUID().toString();
		String now = Instant.now().toString();
		long nowMillis = Instant.parse(now).toEpochMilli();
		Path data = null;
		try {
			Path objectDir = Files.createDirectories(bucketDir.resolve(id));
			data = objectDir.resolve(S3MockLayout.BINARY_DATA);
			MessageDigest md5 = MessageDigest.getInstance("MD5");
			CRC32 crc = new CRC32();
			long stored = writeData(data, content, md5, crc, minimumFree);
			String eTag = HexFormat.of().formatHex(md5.digest());
			String checksum = Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
			Files.writeString(objectDir.resolve(S3MockLayout.OBJECT_METADATA),
					S3MockLayout.objectMetadata(id, key, content.size(), now, nowMillis, eTag, data, checksum));
			Files.writeString(bucketDir.resolve(S3MockLayout.BUCKET_METADATA),
					S3MockLayout.bucketMetadataStart(bucket, bucketDir, now) + "\"" + key + "\":\"" + id + "\""
							+ S3MockLayout.BUCKET_METADATA_END);
			return new Written(eTag, System.nanoTime() - started, stored);
		}
		catch (IOException | RuntimeException ex) {
			if (data != null) {
				deleteQuietly(data, ex);
			}
			if (ex instanceof IOException io) {
				throw new UncheckedIOException("Cannot write s3://" + bucket + "/" + key + " into " + root, io);
			}
			throw (RuntimeException) ex;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long writeData(Path data, SparseContent content, MessageDigest md5, CRC32 crc, long minimumFree)
			throws IOException {
		byte[] chunk = new byte[CHUNK];
		byte[] zeros = new byte[CHUNK];
		byte[] run = new byte[SparseContent.RANDOM_RUN];
		long[] runIndex = { -1 };
		long stored = 0;
		long nextCheck = 0;
		try (FileChannel channel = FileChannel.open(data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			long position = 0;
			while (position < content.size()) {
				int n = (int) Math.min(CHUNK - position % CHUNK, content.size() - position);
				if (content.zeros(position, position + n)) {
					// A hole: nothing written, the digests still see the zeros.
					md5.update(zeros, 0, n);
					crc.update(zeros, 0, n);
				}
				else {
					content.read(position, chunk, 0, n, run, runIndex);
					md5.update(chunk, 0, n);
					crc.update(chunk, 0, n);
					ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
					long at = position;
					while (buffer.hasRemaining()) {
						at += channel.write(buffer, at);
					}
					stored += n;
				}
				position += n;
				if (stored >= nextCheck) {
					checkFree(data, minimumFree);
					nextCheck = stored + CHECK_EVERY;
				}
			}
		}
		// A trailing run of zeros is a hole too: the file takes the object's length.
		try (RandomAccessFile file = new RandomAccessFile(data.toFile(), "rw")) {
			file.setLength(content.size());
		}
		return stored;
	}

	private static void checkFree(Path data, long minimumFree) throws IOException {
		long free = Files.getFileStore(data).getUsableSpace();
		if (free < minimumFree) {
			throw new IllegalStateException(
					String.format(Locale.ROOT, "Stopped writing the object: %s free on disk, under the %s kept free",
							LargeOptions.format(free), LargeOptions.format(minimumFree)));
		}
	}

	private static void deleteQuietly(Path data, Exception cause) {
		try {
			Files.deleteIfExists(data);
		}
		catch (IOException ex) {
			cause.addSuppressed(ex);
		}
	}

	/**
	 * The written object.
	 *
	 * @param eTag its ETag, the content's MD5 in hex
	 * @param nanos the time the writing took
	 * @param stored bytes written (the rest are holes)
	 */
	record Written(String eTag, long nanos, long stored) {
	}

}
