package dev.bucketwarden.eventagent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.bucketwarden.local.samples.Samples;

/**
 * The hostile content the corpus writes, each built small: the lane's clamd limits are
 * small, so a bomb need not be large to pass them.
 */
final class HostileSamples {

	private HostileSamples() {
	}

	/** One deflated member of zeros: tiny archive, member larger than MaxFileSize. */
	static byte[] ratioBomb(int memberSize) {
		return Samples.zip("zeros.bin", new byte[memberSize]);
	}

	/** More members than clamd's MaxFiles, each one stored byte. */
	static byte[] countBomb(int members) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.setLevel(0);
			CRC32 crc = new CRC32();
			crc.update('x');
			for (int i = 0; i < members; i++) {
				ZipEntry entry = new ZipEntry(Integer.toString(i, 36));
				entry.setMethod(ZipEntry.STORED);
				entry.setSize(1);
				entry.setCompressedSize(1);
				entry.setCrc(crc.getValue());
				zip.putNextEntry(entry);
				zip.write('x');
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * A JPEG that is also a zip: a JPEG start, then a zip whose deflated member is EICAR,
	 * so no signature matches the raw bytes; only reading the embedded zip finds it.
	 * @param streamed whether the zip is written as streaming writers (Java's
	 * ZipOutputStream among them) write it, sizes in a data descriptor after each member
	 * rather than in its local header
	 */
	static byte[] jpegZipPolyglot(boolean streamed) {
		byte[] jpeg = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1,
				0, 1, 0, 0 };
		byte[] zip = streamed ? Samples.zip("invoice.com", Samples.eicar())
				: zipWithSizesInLocalHeader("invoice.com", Samples.eicar());
		return concat(jpeg, Samples.random(2000, 11), zip);
	}

	/** A one-member zip, deflated, its sizes in the local header (no data descriptor). */
	static byte[] zipWithSizesInLocalHeader(String name, byte[] content) {
		Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
		deflater.setInput(content);
		deflater.finish();
		byte[] buffer = new byte[content.length + 64];
		int compressedLength = deflater.deflate(buffer);
		deflater.end();
		CRC32 crc = new CRC32();
		crc.update(content);
		byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
		ByteBuffer zip = ByteBuffer.allocate(30 + 46 + 22 + 2 * nameBytes.length + compressedLength)
			.order(ByteOrder.LITTLE_ENDIAN);
		zip.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8).putInt(0);
		zip.putInt((int) crc.getValue()).putInt(compressedLength).putInt(content.length);
		zip.putShort((short) nameBytes.length).putShort((short) 0).put(nameBytes).put(buffer, 0, compressedLength);
		int central = zip.position();
		zip.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 8);
		zip.putInt(0).putInt((int) crc.getValue()).putInt(compressedLength).putInt(content.length);
		zip.putShort((short) nameBytes.length).putShort((short) 0).putShort((short) 0).putShort((short) 0);
		zip.putShort((short) 0).putInt(0).putInt(0).put(nameBytes);
		int centralLength = zip.position() - central;
		zip.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 1);
		zip.putInt(centralLength).putInt(central).putShort((short) 0);
		return zip.array();
	}

	/** A GIF header followed by EICAR: a picture to a viewer, EICAR to a scanner. */
	static byte[] gifPolyglot() {
		return concat("GIF89a".getBytes(StandardCharsets.US_ASCII), new byte[] { 1, 0, 1, 0, 0, 0, 0 },
				Samples.eicar());
	}

	/** A PDF whose stream ends with the test marker. */
	static byte[] pdfWithMarker() {
		return concat("%PDF-1.7\n1 0 obj\n<< /Length 600 >>\nstream\n".getBytes(StandardCharsets.US_ASCII),
				Samples.randomWithMarkerAtEnd(600, 12),
				"\nendstream\nendobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
	}

	/** A zip of EICAR (sizes in the local header) cut before its central directory. */
	static byte[] truncatedZip() {
		byte[] zip = zipWithSizesInLocalHeader("eicar.com", Samples.eicar());
		return Arrays.copyOf(zip, zip.length - 46 - 22 - "eicar.com".length());
	}

	/** A string of exactly {@code bytes} UTF-8 bytes: two-byte characters, then ASCII. */
	static String utf8OfLength(String prefix, int bytes) {
		StringBuilder key = new StringBuilder(prefix);
		int length = prefix.getBytes(StandardCharsets.UTF_8).length;
		while (length + 2 <= bytes - 4) {
			key.append('é');
			length += 2;
		}
		while (length < bytes) {
			key.append('x');
			length++;
		}
		return key.toString();
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
