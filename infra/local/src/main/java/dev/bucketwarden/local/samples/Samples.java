package dev.bucketwarden.local.samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds sample content. Every method returns fresh bytes. */
public final class Samples {

	/**
	 * Our own test marker: any content that contains it is detected by our signature
	 * database ({@code BucketWarden.Test.Marker}), wherever it stands.
	 */
	public static final String MARKER = "BUCKETWARDEN-TEST-" + "MALWARE-MARKER";

	private Samples() {
	}

	/**
	 * The 68-byte EICAR anti-virus test file, assembled here so the repository holds no
	 * copy.
	 */
	public static byte[] eicar() {
		String head = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$";
		String tail = "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
		return (head + tail).getBytes(StandardCharsets.US_ASCII);
	}

	/** Deterministic random bytes: nothing in them matches a signature. */
	public static byte[] random(int size, long seed) {
		byte[] bytes = new byte[size];
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < size; i += 8) {
			long value = random.nextLong();
			for (int j = 0; j < 8 && i + j < size; j++) {
				bytes[i + j] = (byte) (value >>> (8 * j));
			}
		}
		return bytes;
	}

	/**
	 * Random bytes with the test marker at the very end, for tests that must see every
	 * byte.
	 */
	public static byte[] randomWithMarkerAtEnd(int size, long seed) {
		byte[] marker = MARKER.getBytes(StandardCharsets.US_ASCII);
		byte[] bytes = random(size, seed);
		System.arraycopy(marker, 0, bytes, size - marker.length, marker.length);
		return bytes;
	}

	/**
	 * {@code size} random bytes ending with the test marker, generated as they are read:
	 * for tests that scan far more than fits in memory.
	 */
	public static java.io.InputStream randomWithMarkerAtEnd(long size, long seed) {
		return new MarkedRandomStream(size, seed, true);
	}

	/** {@code size} clean random bytes, generated as they are read. */
	public static java.io.InputStream randomStream(long size, long seed) {
		return new MarkedRandomStream(size, seed, false);
	}

	/** A zip with the given entries (deflated). */
	public static byte[] zip(Map<String, byte[]> entries) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				zip.putNextEntry(new ZipEntry(entry.getKey()));
				zip.write(entry.getValue());
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	public static byte[] zip(String name, byte[] content) {
		return zip(Map.of(name, content));
	}

	/** EICAR inside a zip inside a zip ({@code depth} levels of zip in all). */
	public static byte[] nestedZip(byte[] content, int depth) {
		byte[] current = content;
		String name = "eicar.com";
		for (int level = 1; level <= depth; level++) {
			current = zip(name, current);
			name = "level-" + level + ".zip";
		}
		return current;
	}

	/** A password-protected zip (traditional PKWARE encryption). */
	public static byte[] encryptedZip(Map<String, byte[]> entries, String password) {
		return ZipCryptoWriter.write(entries, password.getBytes(StandardCharsets.UTF_8), 42);
	}

	/** The files {@code bin/demo} scans, by name. */
	public static Map<String, byte[]> demoSet() {
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("report.txt", "Quarterly report: nothing to see here.\n".getBytes(StandardCharsets.US_ASCII));
		files.put("random-1MiB.bin", random(1 << 20, 1));
		files.put("eicar.com", eicar());
		files.put("eicar.zip", zip("eicar.com", eicar()));
		files.put("eicar-nested.zip", nestedZip(eicar(), 3));
		files.put("invoice-encrypted.zip", encryptedZip(Map.of("invoice.pdf", random(4096, 2)), "secret"));
		files.put("marker-at-end-8MiB.bin", randomWithMarkerAtEnd(8 << 20, 3));
		return files;
	}

}
