package dev.bucketwarden.bench.chaos.event;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.bucketwarden.local.samples.Samples;

/**
 * The forms a version's content takes in the load, each with the verdict it must get.
 * Random content and the marker at the end of a large object are generated as they are
 * read (up to 32 MiB); the archives are built in memory and stay small.
 */
enum ContentKind {

	/** Clean random bytes of the planned size. */
	RANDOM(Expected.CLEAN),

	/**
	 * The EICAR test file followed by a line naming the seed (so no two versions are
	 * alike), whatever the planned size.
	 */
	EICAR(Expected.INFECTED),

	/** EICAR next to random filler of the planned size in one zip. */
	EICAR_ZIP(Expected.INFECTED),

	/** EICAR three zips deep. */
	EICAR_NESTED_ZIP(Expected.INFECTED),

	/** Random bytes of the planned size with the test marker in the very last bytes. */
	MARKER_AT_END(Expected.INFECTED),

	/** A password-protected zip of random filler: encrypted, so never Clean. */
	ENCRYPTED_ZIP(Expected.UNSCANNABLE);

	private final Expected expected;

	ContentKind(Expected expected) {
		this.expected = expected;
	}

	Expected expected() {
		return this.expected;
	}

	/** Whether the content is generated while read instead of held in memory. */
	boolean streamed() {
		return this == RANDOM || this == MARKER_AT_END;
	}

	/** A streamed kind's content, generated as it is read. */
	InputStream open(long size, long seed) {
		return switch (this) {
			case RANDOM -> Samples.randomStream(size, seed);
			case MARKER_AT_END -> Samples.randomWithMarkerAtEnd(size, seed);
			default -> throw new IllegalStateException(this + " is built in memory");
		};
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	/**
	 * The content of a kind that is not {@link #streamed()}; build it once per write (a
	 * zip's entries carry the time they were made).
	 */
	byte[] bytes(long size, long seed) {
		int filler = (int) Math.min(size, 1 << 20);
		return switch (this) {
			case EICAR -> concat(Samples.eicar(), ("\n" + seed + "\n").getBytes(StandardCharsets.US_ASCII));
			case EICAR_ZIP -> {
				Map<String, byte[]> entries = new LinkedHashMap<>();
				entries.put("data.bin", Samples.random(filler, seed));
				entries.put("eicar.com", Samples.eicar());
				yield Samples.zip(entries);
			}
			// The seed is in the innermost name, so no two nested archives are alike.
			case EICAR_NESTED_ZIP -> Samples.nestedZip(Samples.zip("eicar-" + seed + ".com", Samples.eicar()), 2);
			case ENCRYPTED_ZIP ->
				Samples.encryptedZip(Map.of("secret-" + seed + ".bin", Samples.random(filler, seed)), "chaos-" + seed);
			default -> throw new IllegalStateException(this + " is streamed");
		};
	}

}
