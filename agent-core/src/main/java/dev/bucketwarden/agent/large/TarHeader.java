package dev.bucketwarden.agent.large;

import java.nio.charset.StandardCharsets;

/**
 * One 512-byte tar header, as far as finding member boundaries needs: the name, the size
 * (octal, or GNU's base-256 for sizes over 8 GiB), the type and the checksum.
 */
record TarHeader(String name, long size, char type) {

	static final int BLOCK = 512;

	/** Whether these bytes are a tar header: the ustar magic and a right checksum. */
	static boolean looksLikeTar(byte[] bytes, int length) {
		if (length < BLOCK) {
			return false;
		}
		String magic = new String(bytes, 257, 5, StandardCharsets.US_ASCII);
		return magic.equals("ustar") && checksumMatches(bytes);
	}

	static boolean zero(byte[] block) {
		for (int i = 0; i < BLOCK; i++) {
			if (block[i] != 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Reads a header block.
	 * @throws IllegalArgumentException when it is not one (checksum, size)
	 */
	static TarHeader parse(byte[] block) {
		if (!checksumMatches(block)) {
			throw new IllegalArgumentException("a tar header with a wrong checksum");
		}
		long size = number(block, 124, 12);
		if (size < 0) {
			throw new IllegalArgumentException("a tar header with a negative size");
		}
		return new TarHeader(text(block, 0, 100), size, (char) (block[156] & 0xFF));
	}

	/**
	 * Data of this type is a member's content (regular, contiguous, or a type we do not
	 * know).
	 */
	boolean content() {
		return switch (this.type) {
			case 'L', 'K', 'x', 'g', '5', '1', '2', '3', '4', '6' -> false;
			default -> true;
		};
	}

	static long padding(long size) {
		long rest = size % BLOCK;
		return (rest == 0) ? 0 : BLOCK - rest;
	}

	private static boolean checksumMatches(byte[] block) {
		long stored;
		try {
			stored = number(block, 148, 8);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		long sum = 0;
		for (int i = 0; i < BLOCK; i++) {
			sum += (i >= 148 && i < 156) ? ' ' : (block[i] & 0xFF);
		}
		return sum == stored;
	}

	private static long number(byte[] block, int at, int length) {
		if ((block[at] & 0x80) != 0) {
			// GNU base-256: big-endian, the first byte's high bit set.
			long value = block[at] & 0x7F;
			for (int i = 1; i < length; i++) {
				if ((value >>> 55) != 0) {
					throw new IllegalArgumentException("a tar number over 2^63");
				}
				value = (value << 8) | (block[at + i] & 0xFF);
			}
			return value;
		}
		long value = 0;
		boolean digits = false;
		for (int i = at; i < at + length; i++) {
			int c = block[i] & 0xFF;
			if (c == 0 || (c == ' ' && digits)) {
				break;
			}
			if (c == ' ') {
				continue;
			}
			if (c < '0' || c > '7') {
				throw new IllegalArgumentException("a tar number with '" + (char) c + "'");
			}
			value = value * 8 + (c - '0');
			digits = true;
		}
		return value;
	}

	private static String text(byte[] block, int at, int length) {
		int end = at;
		while (end < at + length && block[end] != 0) {
			end++;
		}
		return new String(block, at, end - at, StandardCharsets.UTF_8);
	}

}
