package dev.bucketwarden.local.samples;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * Writes zips whose entries are stored and encrypted with the traditional PKWARE stream
 * cipher (APPNOTE.TXT section 6.1), which {@code java.util.zip} cannot do. Encrypted
 * archives are how malware gets past scanners, so tests need real ones; this keeps binary
 * fixtures out of git.
 */
final class ZipCryptoWriter {

	private static final int[] CRC_TABLE = crcTable();

	private int key0;

	private int key1;

	private int key2;

	private ZipCryptoWriter(byte[] password) {
		this.key0 = 0x12345678;
		this.key1 = 0x23456789;
		this.key2 = 0x34567890;
		for (byte b : password) {
			update(b);
		}
	}

	static byte[] write(Map<String, byte[]> entries, byte[] password, long seed) {
		ByteArrayOutputStream local = new ByteArrayOutputStream();
		ByteArrayOutputStream central = new ByteArrayOutputStream();
		SplittableRandom random = new SplittableRandom(seed);
		for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
			byte[] name = entry.getKey().getBytes(StandardCharsets.UTF_8);
			byte[] data = entry.getValue();
			CRC32 crc = new CRC32();
			crc.update(data);
			int crcValue = (int) crc.getValue();
			byte[] encrypted = new ZipCryptoWriter(password).encrypt(data, crcValue, random);
			int offset = local.size();
			ByteBuffer header = le(30 + name.length);
			header.putInt(0x04034b50).putShort((short) 20).putShort((short) 1).putShort((short) 0);
			header.putShort((short) 0).putShort((short) 0x21).putInt(crcValue);
			header.putInt(encrypted.length).putInt(data.length).putShort((short) name.length).putShort((short) 0);
			header.put(name);
			local.writeBytes(header.array());
			local.writeBytes(encrypted);
			ByteBuffer record = le(46 + name.length);
			record.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 1);
			record.putShort((short) 0).putShort((short) 0).putShort((short) 0x21).putInt(crcValue);
			record.putInt(encrypted.length).putInt(data.length).putShort((short) name.length);
			record.putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0);
			record.putInt(0).putInt(offset).put(name);
			central.writeBytes(record.array());
		}
		ByteBuffer end = le(22);
		end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
		end.putShort((short) entries.size()).putShort((short) entries.size());
		end.putInt(central.size()).putInt(local.size()).putShort((short) 0);
		ByteArrayOutputStream zip = new ByteArrayOutputStream();
		zip.writeBytes(local.toByteArray());
		zip.writeBytes(central.toByteArray());
		zip.writeBytes(end.array());
		return zip.toByteArray();
	}

	/**
	 * The 12-byte encryption header (its last byte checks the password) then the data.
	 */
	private byte[] encrypt(byte[] data, int crc, SplittableRandom random) {
		byte[] out = new byte[12 + data.length];
		for (int i = 0; i < 11; i++) {
			out[i] = (byte) random.nextInt(256);
		}
		out[11] = (byte) (crc >>> 24);
		System.arraycopy(data, 0, out, 12, data.length);
		for (int i = 0; i < out.length; i++) {
			byte plain = out[i];
			out[i] = (byte) (plain ^ streamByte());
			update(plain);
		}
		return out;
	}

	private int streamByte() {
		int temp = (this.key2 | 2) & 0xFFFF;
		return ((temp * (temp ^ 1)) >>> 8) & 0xFF;
	}

	private void update(byte plain) {
		this.key0 = crc(this.key0, plain);
		this.key1 = (this.key1 + (this.key0 & 0xFF)) * 134775813 + 1;
		this.key2 = crc(this.key2, (byte) (this.key1 >>> 24));
	}

	private static int crc(int crc, byte b) {
		return (crc >>> 8) ^ CRC_TABLE[(crc ^ b) & 0xFF];
	}

	private static int[] crcTable() {
		int[] table = new int[256];
		for (int n = 0; n < 256; n++) {
			int c = n;
			for (int k = 0; k < 8; k++) {
				c = ((c & 1) != 0) ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
			}
			table[n] = c;
		}
		return table;
	}

	private static ByteBuffer le(int size) {
		return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
	}

}
