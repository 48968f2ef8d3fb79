package dev.bucketwarden.agent.large;

/** Zip's little-endian fields, read from a byte array. */
final class LittleEndian {

	private LittleEndian() {
	}

	static int u16(byte[] bytes, int at) {
		return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8;
	}

	static long u32(byte[] bytes, int at) {
		return (u16(bytes, at) | (long) u16(bytes, at + 2) << 16) & 0xFFFFFFFFL;
	}

	/**
	 * An unsigned 64-bit field; one over {@link Long#MAX_VALUE} is returned negative,
	 * which every check of a size or offset refuses.
	 */
	static long u64(byte[] bytes, int at) {
		return u32(bytes, at) | u32(bytes, at + 4) << 32;
	}

}
