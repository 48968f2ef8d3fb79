package dev.bucketwarden.bench.chaos.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import dev.bucketwarden.local.samples.Samples;

/**
 * One body the run sends, by its class, with its SHA-256 to recognize it in the bucket.
 * The bytes are made again from the seed whenever they are needed, so that a run of
 * thousands of bodies does not hold them all.
 *
 * @param index its place in the run, which names its key
 * @param type what it is
 * @param size for random content, its length (the marker included); for an encrypted
 * archive, its entry's length
 * @param contentSeed the seed of its random bytes
 * @param sha256 the content's SHA-256, hex
 * @param length the content's length
 */
record ChaosBody(int index, BodyClass type, int size, long contentSeed, String sha256, int length) {

	static ChaosBody of(int index, BodyClass type, int size, long contentSeed) {
		byte[] bytes = bytes(index, type, size, contentSeed);
		return new ChaosBody(index, type, size, contentSeed, sha256(bytes), bytes.length);
	}

	byte[] bytes() {
		return bytes(this.index, this.type, this.size, this.contentSeed);
	}

	private static byte[] bytes(int index, BodyClass type, int size, long contentSeed) {
		return switch (type) {
			case CLEAN -> Samples.random(size, contentSeed);
			case EICAR -> Samples.eicar();
			case EICAR_ZIPPED -> Samples.zip("eicar-" + index + ".com", Samples.eicar());
			case MARKER_AT_END -> Samples.randomWithMarkerAtEnd(size, contentSeed);
			case ENCRYPTED ->
				Samples.encryptedZip(Map.of("secret-" + index + ".bin", Samples.random(size, contentSeed)), "chaos");
		};
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("No SHA-256 in this JVM", ex);
		}
	}

	@Override
	public String toString() {
		return "#" + this.index + " " + this.type + " " + this.length + " B";
	}

}
