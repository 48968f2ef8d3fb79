package dev.bucketwarden.agent.large;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import dev.bucketwarden.agent.storage.ObjectInfo;

/**
 * An object held in memory, read in ranges as S3 would serve them; remembers each range.
 */
final class BytesRangeReader implements RangeReader {

	private final byte[] content;

	final List<long[]> ranges = new ArrayList<>();

	BytesRangeReader(byte[] content) {
		this.content = content;
	}

	ObjectInfo object(String key) {
		return new ObjectInfo("bucket", key, "v1", "etag", this.content.length, null);
	}

	@Override
	public InputStream openRange(ObjectInfo object, long start, long end) {
		if (start < 0 || end <= start || end > this.content.length) {
			throw new IllegalArgumentException("Range [" + start + ", " + end + ") outside the object");
		}
		this.ranges.add(new long[] { start, end });
		return new ByteArrayInputStream(this.content, (int) start, (int) (end - start));
	}

}
