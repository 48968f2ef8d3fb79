package dev.bucketwarden.agent.large;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.bucketwarden.agent.storage.ObjectInfo;

/**
 * A zip64 of stored members computed on the fly, never held: members of zeros as large as
 * wanted (gigabytes) beside members with real bytes, a zip64 central directory, zip64 end
 * record and locator. How a test reaches members past 4 GiB without storing 4 GiB.
 */
final class SyntheticZip implements RangeReader {

	private final List<Segment> segments = new ArrayList<>();

	private final ByteArrayOutputStream directory = new ByteArrayOutputStream();

	private long size;

	private int entries;

	private long declaredEntries = -1;

	/** A member of {@code length} zero bytes. */
	SyntheticZip zeros(String name, long length) {
		return member(name, null, length);
	}

	SyntheticZip bytes(String name, byte[] content) {
		return member(name, content, content.length);
	}

	/** Makes the zip64 end record declare this many entries. */
	SyntheticZip declaring(long entries) {
		this.declaredEntries = entries;
		return this;
	}

	private SyntheticZip member(String name, byte[] content, long length) {
		byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
		long offset = this.size;
		boolean wide = length >= 0xFFFFFFFFL;
		ByteArrayOutputStream local = new ByteArrayOutputStream();
		int32(local, 0x04034b50);
		int16(local, 45);
		int16(local, 0);
		int16(local, 0);
		int32(local, 0);
		int32(local, 0);
		int32(local, wide ? 0xFFFFFFFFL : length);
		int32(local, wide ? 0xFFFFFFFFL : length);
		int16(local, nameBytes.length);
		int16(local, wide ? 20 : 0);
		local.writeBytes(nameBytes);
		if (wide) {
			int16(local, 1);
			int16(local, 16);
			int64(local, length);
			int64(local, length);
		}
		add(local.toByteArray(), -1);
		add(content, length);
		boolean far = offset >= 0xFFFFFFFFL;
		int extra = (wide ? 16 : 0) + (far ? 8 : 0);
		int32(this.directory, 0x02014b50);
		int16(this.directory, 45);
		int16(this.directory, 45);
		int16(this.directory, 0);
		int16(this.directory, 0);
		int32(this.directory, 0);
		int32(this.directory, 0);
		int32(this.directory, wide ? 0xFFFFFFFFL : length);
		int32(this.directory, wide ? 0xFFFFFFFFL : length);
		int16(this.directory, nameBytes.length);
		int16(this.directory, (extra > 0) ? extra + 4 : 0);
		int16(this.directory, 0);
		int16(this.directory, 0);
		int16(this.directory, 0);
		int32(this.directory, 0);
		int32(this.directory, far ? 0xFFFFFFFFL : offset);
		this.directory.writeBytes(nameBytes);
		if (extra > 0) {
			int16(this.directory, 1);
			int16(this.directory, extra);
			if (wide) {
				int64(this.directory, length);
				int64(this.directory, length);
			}
			if (far) {
				int64(this.directory, offset);
			}
		}
		this.entries++;
		return this;
	}

	/** Ends the zip: central directory, zip64 end record and locator, end record. */
	SyntheticZip finish() {
		byte[] central = this.directory.toByteArray();
		long directoryOffset = this.size;
		add(central, -1);
		long recordOffset = this.size;
		ByteArrayOutputStream end = new ByteArrayOutputStream();
		int32(end, 0x06064b50);
		int64(end, 44);
		int16(end, 45);
		int16(end, 45);
		int32(end, 0);
		int32(end, 0);
		long declared = (this.declaredEntries >= 0) ? this.declaredEntries : this.entries;
		int64(end, declared);
		int64(end, declared);
		int64(end, central.length);
		int64(end, directoryOffset);
		int32(end, 0x07064b50);
		int32(end, 0);
		int64(end, recordOffset);
		int32(end, 1);
		int32(end, 0x06054b50);
		int16(end, 0);
		int16(end, 0);
		int16(end, 0xFFFF);
		int16(end, 0xFFFF);
		int32(end, 0xFFFFFFFFL);
		int32(end, 0xFFFFFFFFL);
		int16(end, 0);
		add(end.toByteArray(), -1);
		return this;
	}

	long size() {
		return this.size;
	}

	ObjectInfo object(String key) {
		return new ObjectInfo("bucket", key, "v1", "etag", this.size, "application/zip");
	}

	@Override
	public InputStream openRange(ObjectInfo object, long start, long end) {
		if (start < 0 || end <= start || end > this.size) {
			throw new IllegalArgumentException("Range [" + start + ", " + end + ") outside the object");
		}
		return new InputStream() {

			private long position = start;

			@Override
			public int read() {
				byte[] one = new byte[1];
				return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xFF);
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				if (this.position >= end) {
					return -1;
				}
				Segment segment = segmentAt(this.position);
				long within = this.position - segment.offset;
				int count = (int) Math.min(length, Math.min(segment.length - within, end - this.position));
				if (segment.bytes == null) {
					Arrays.fill(buffer, offset, offset + count, (byte) 0);
				}
				else {
					System.arraycopy(segment.bytes, (int) within, buffer, offset, count);
				}
				this.position += count;
				return count;
			}

		};
	}

	private Segment segmentAt(long position) {
		for (Segment segment : this.segments) {
			if (position < segment.offset + segment.length) {
				return segment;
			}
		}
		throw new IllegalStateException("No byte " + position);
	}

	private void add(byte[] bytes, long length) {
		long actual = (bytes != null) ? bytes.length : length;
		if (actual > 0) {
			this.segments.add(new Segment(this.size, actual, bytes));
			this.size += actual;
		}
	}

	private record Segment(long offset, long length, byte[] bytes) {

	}

	private static void int16(ByteArrayOutputStream out, int value) {
		out.write(value & 0xFF);
		out.write((value >>> 8) & 0xFF);
	}

	private static void int32(ByteArrayOutputStream out, long value) {
		int16(out, (int) (value & 0xFFFF));
		int16(out, (int) ((value >>> 16) & 0xFFFF));
	}

	private static void int64(ByteArrayOutputStream out, long value) {
		int32(out, value & 0xFFFFFFFFL);
		int32(out, value >>> 32);
	}

}
