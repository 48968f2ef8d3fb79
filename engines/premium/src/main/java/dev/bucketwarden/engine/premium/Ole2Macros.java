package dev.bucketwarden.engine.premium;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Finds VBA macros in an OLE2 compound file (Word 97-2003, Excel 97-2003, and the
 * {@code vbaProject.bin} inside OOXML) while streaming it: directory entries are 128-byte
 * records at 128-byte aligned offsets (sectors are 512 or 4096 bytes after a 512-byte
 * header), so every aligned record is read as a candidate entry and kept only when its
 * name length and type are consistent. VBA projects are the {@code _VBA_PROJECT} stream
 * in a {@code VBA} storage ({@code Macros} in Word, {@code _VBA_PROJECT_CUR} in Excel).
 * Excel 4.0 (XLM) macro sheets are not detected.
 */
final class Ole2Macros {

	private static final int ENTRY = 128;

	private static final int STORAGE = 1;

	private static final int STREAM = 2;

	private static final Set<String> VBA_STORAGES = Set.of("Macros", "_VBA_PROJECT_CUR", "VBA");

	private Ole2Macros() {
	}

	/** Reads until a VBA entry is found or the content ends. */
	static boolean hasMacros(InputStream content) throws IOException {
		byte[] record = new byte[ENTRY];
		while (content.readNBytes(record, 0, ENTRY) == ENTRY) {
			if (isVbaEntry(record)) {
				return true;
			}
		}
		return false;
	}

	static boolean isVbaEntry(byte[] record) {
		int nameBytes = (record[64] & 0xFF) | ((record[65] & 0xFF) << 8);
		int type = record[66];
		if (nameBytes < 4 || nameBytes > 64 || (nameBytes & 1) != 0 || (type != STORAGE && type != STREAM)) {
			return false;
		}
		// The length counts the terminating UTF-16 zero.
		if (record[nameBytes - 2] != 0 || record[nameBytes - 1] != 0) {
			return false;
		}
		String name = new String(record, 0, nameBytes - 2, StandardCharsets.UTF_16LE);
		return (type == STREAM && name.equals("_VBA_PROJECT"))
				|| (type == STORAGE && VBA_STORAGES.contains(name) && !name.equals("VBA"));
	}

}
