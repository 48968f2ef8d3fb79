package dev.bucketwarden.engine.spi.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ErrorKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ContentSource}: chunks are filled whole until the content ends, the end reads as
 * 0, and a failing source is a content-read failure, not the engine's.
 */
class ContentSourceTests {

	@Test
	void shouldFillEachChunkUntilTheContentEnds() {
		InputStream content = new TrickleInputStream(new byte[] { 1, 2, 3, 4, 5 });
		byte[] buffer = new byte[6];
		assertThat(ContentSource.read(content, buffer, 2, 4)).isEqualTo(4);
		assertThat(buffer).containsExactly(0, 0, 1, 2, 3, 4);
		assertThat(ContentSource.read(content, buffer, 0, 4)).isEqualTo(1);
		assertThat(ContentSource.read(content, buffer, 0, 4)).isZero();
	}

	@Test
	void shouldReportAFailingSourceAsAContentReadFailure() {
		InputStream failing = new InputStream() {

			@Override
			public int read() throws IOException {
				throw new IOException("connection reset");
			}

		};
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> ContentSource.read(failing, new byte[4], 0, 4))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.CONTENT_READ))
			.withMessage("Reading the content to scan failed: connection reset")
			.withCauseInstanceOf(IOException.class);
	}

	/** Gives one byte per read, as a slow network source may. */
	private static final class TrickleInputStream extends InputStream {

		private final InputStream bytes;

		TrickleInputStream(byte[] bytes) {
			this.bytes = new ByteArrayInputStream(bytes);
		}

		@Override
		public int read() throws IOException {
			return this.bytes.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			return this.bytes.read(buffer, offset, Math.min(length, 1));
		}

	}

}
