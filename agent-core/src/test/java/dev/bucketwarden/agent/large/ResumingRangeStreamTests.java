package dev.bucketwarden.agent.large;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.agent.storage.ObjectChangedException;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.local.samples.Samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** A dropped connection resumes where it stopped, a bounded number of times. */
class ResumingRangeStreamTests {

	private static final byte[] CONTENT = Samples.random(100_000, 7);

	private static final ObjectInfo OBJECT = new ObjectInfo("bucket", "key", "v1", "etag", CONTENT.length, null);

	@Test
	void shouldResumeAtTheByteWhereTheConnectionDropped() throws IOException {
		Dropping reader = new Dropping(3, 7000);

		byte[] read;
		try (InputStream in = new ResumingRangeStream(reader, OBJECT, 1000, 90_000, 3)) {
			read = in.readAllBytes();
		}

		assertThat(read).isEqualTo(Arrays.copyOfRange(CONTENT, 1000, 90_000));
		assertThat(reader.starts).containsExactly(1000L, 8000L, 15000L, 22000L);
	}

	@Test
	void shouldFailOnceTheReopensAreSpent() {
		Dropping reader = new Dropping(3, 7000);

		assertThatIOException().isThrownBy(() -> {
			try (InputStream in = new ResumingRangeStream(reader, OBJECT, 0, 90_000, 2)) {
				in.readAllBytes();
			}
		});
		assertThat(reader.starts).hasSize(3);
	}

	@Test
	void shouldNotRetryAVersionThatChanged() {
		List<Long> starts = new ArrayList<>();
		ResumingRangeStream in = new ResumingRangeStream((object, start, end) -> {
			starts.add(start);
			throw new ObjectChangedException("412", null);
		}, OBJECT, 0, 10, 5);

		assertThatIOException().isThrownBy(in::read);
		assertThat(in.changed()).isNotNull();
		assertThat(starts).hasSize(1);
	}

	/**
	 * Serves ranges whose first {@code drops} connections break after {@code after}
	 * bytes.
	 */
	private static final class Dropping implements RangeReader {

		private final List<Long> starts = new ArrayList<>();

		private int drops;

		private final int after;

		Dropping(int drops, int after) {
			this.drops = drops;
			this.after = after;
		}

		@Override
		public InputStream openRange(ObjectInfo object, long start, long end) {
			this.starts.add(start);
			InputStream bytes = new ByteArrayInputStream(CONTENT, (int) start, (int) (end - start));
			if (this.drops-- <= 0) {
				return bytes;
			}
			return new FilterInputStream(bytes) {

				private int served;

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					if (this.served >= Dropping.this.after) {
						throw new IOException("Connection reset");
					}
					int read = super.read(buffer, offset, Math.min(length, Dropping.this.after - this.served));
					this.served += Math.max(read, 0);
					return read;
				}

			};
		}

	}

}
