package dev.bucketwarden.agent.large;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes a ustar archive (what {@code tar} writes for short names), for tests. */
final class TarBuilder {

	private TarBuilder() {
	}

	static byte[] tar(Map<String, byte[]> entries) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
			out.writeBytes(header(entry.getKey(), entry.getValue().length, '0'));
			out.writeBytes(entry.getValue());
			out.writeBytes(new byte[(int) TarHeader.padding(entry.getValue().length)]);
		}
		out.writeBytes(new byte[TarHeader.BLOCK * 2]);
		return out.toByteArray();
	}

	static byte[] header(String name, long size, char type) {
		byte[] block = new byte[TarHeader.BLOCK];
		put(block, 0, name);
		put(block, 100, "0000644");
		put(block, 108, "0000000");
		put(block, 116, "0000000");
		put(block, 124, String.format("%011o", size));
		put(block, 136, "00000000000");
		block[156] = (byte) type;
		put(block, 257, "ustar");
		put(block, 263, "00");
		for (int i = 148; i < 156; i++) {
			block[i] = ' ';
		}
		long sum = 0;
		for (byte b : block) {
			sum += b & 0xFF;
		}
		put(block, 148, String.format("%06o", sum));
		block[154] = 0;
		return block;
	}

	private static void put(byte[] block, int at, String text) {
		byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(bytes, 0, block, at, bytes.length);
	}

}
