package dev.bucketwarden.bench.support;

/**
 * {@code count} files of {@code size} bytes: one of a benchmark's sets of random files.
 */
public record SizeSet(int count, int size) {

	private static final long MIB = 1 << 20;

	/** The size as the reports print it, such as {@code 64 KiB}. */
	public String label() {
		return formatSize(this.size);
	}

	/** Bytes in MiB, KiB or B, whichever divides them. */
	public static String formatSize(long bytes) {
		if (bytes % MIB == 0) {
			return (bytes / MIB) + " MiB";
		}
		if (bytes % 1024 == 0) {
			return (bytes / 1024) + " KiB";
		}
		return bytes + " B";
	}

}
