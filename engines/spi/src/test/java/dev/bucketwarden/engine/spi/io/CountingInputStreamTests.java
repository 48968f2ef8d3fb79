package dev.bucketwarden.engine.spi.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * {@link CountingInputStream}: counts bytes read singly and in bulk, remembers the
 * source's failure, and leaves the source open.
 */
class CountingInputStreamTests {

	@Test
	void shouldCountBytesReadSinglyAndInBulk() throws IOException {
		CountingInputStream counting = new CountingInputStream(new ByteArrayInputStream(new byte[] { 7, 8, 9, 10 }));
		assertThat(counting.read()).isEqualTo(7);
		assertThat(counting.readNBytes(2)).containsExactly(8, 9);
		assertThat(counting.count()).isEqualTo(3);
		assertThat(counting.readAllBytes()).containsExactly(10);
		assertThat(counting.read()).isEqualTo(-1);
		assertThat(counting.count()).isEqualTo(4);
		assertThat(counting.sourceFailure()).isNull();
	}

	@Test
	void shouldRememberTheSourcesFailure() {
		IOException reset = new IOException("connection reset");
		CountingInputStream counting = new CountingInputStream(new InputStream() {

			@Override
			public int read() throws IOException {
				throw reset;
			}

		});
		assertThatIOException().isThrownBy(counting::read).isSameAs(reset);
		assertThat(counting.sourceFailure()).isSameAs(reset);
	}

	@Test
	void shouldLeaveTheSourceOpenForItsOwner() {
		AtomicBoolean closed = new AtomicBoolean();
		CountingInputStream counting = new CountingInputStream(new ByteArrayInputStream(new byte[0]) {

			@Override
			public void close() {
				closed.set(true);
			}

		});
		counting.close();
		assertThat(closed).isFalse();
	}

	@Test
	void shouldLetSubclassesSeeEverySingleByteRead() throws IOException {
		int[] bulkReads = new int[1];
		CountingInputStream counting = new CountingInputStream(new ByteArrayInputStream(new byte[] { 1, 2 })) {

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				bulkReads[0]++;
				return super.read(buffer, offset, length);
			}

		};
		counting.read();
		counting.read();
		assertThat(bulkReads[0]).isEqualTo(2);
	}

}
