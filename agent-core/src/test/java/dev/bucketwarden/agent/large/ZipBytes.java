package dev.bucketwarden.agent.large;

/** Edits a small zip (no comment, no zip64) in place, to make hostile directories. */
final class ZipBytes {

	private ZipBytes() {
	}

	static int endRecord(byte[] zip) {
		return zip.length - 22;
	}

	static int endRecordDirectoryOffsetValue(byte[] zip) {
		return (int) LittleEndian.u32(zip, endRecord(zip) + 16);
	}

	static void endRecordDirectoryOffset(byte[] zip, long value) {
		put32(zip, endRecord(zip) + 16, value);
	}

	static void endRecordEntries(byte[] zip, int entries) {
		put16(zip, endRecord(zip) + 8, entries);
		put16(zip, endRecord(zip) + 10, entries);
	}

	/** Where central directory entry {@code index} starts. */
	static int centralEntry(byte[] zip, int index) {
		int at = endRecordDirectoryOffsetValue(zip);
		for (int i = 0; i < index; i++) {
			at += 46 + LittleEndian.u16(zip, at + 28) + LittleEndian.u16(zip, at + 30) + LittleEndian.u16(zip, at + 32);
		}
		return at;
	}

	static long centralEntryOffsetValue(byte[] zip, int index) {
		return LittleEndian.u32(zip, centralEntry(zip, index) + 42);
	}

	static void centralEntryOffset(byte[] zip, int index, long value) {
		put32(zip, centralEntry(zip, index) + 42, value);
	}

	static void centralEntrySize(byte[] zip, int index, long value) {
		put32(zip, centralEntry(zip, index) + 24, value);
	}

	private static void put16(byte[] bytes, int at, int value) {
		bytes[at] = (byte) value;
		bytes[at + 1] = (byte) (value >>> 8);
	}

	private static void put32(byte[] bytes, int at, long value) {
		put16(bytes, at, (int) (value & 0xFFFF));
		put16(bytes, at + 2, (int) ((value >>> 16) & 0xFFFF));
	}

}
