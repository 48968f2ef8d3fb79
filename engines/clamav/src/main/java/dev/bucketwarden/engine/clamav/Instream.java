package dev.bucketwarden.engine.clamav;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.engine.spi.io.ContentSource;

/**
 * The INSTREAM command: {@code zINSTREAM\0}, then chunks each prefixed with their length
 * as a 4-byte big-endian integer, then a zero length, then one reply. Content is streamed
 * from the source in chunks; nothing is buffered beyond one chunk.
 */
final class Instream {

	private final ClamavSettings settings;

	Instream(ClamavSettings settings) {
		this.settings = settings;
	}

	Verdict send(ClamdConnection connection, InputStream content, long limit) {
		byte[] frame = new byte[4 + this.settings.chunkSize()];
		long sent = 0;
		try {
			connection.writeCommand("INSTREAM", this.settings.readTimeout());
			while (true) {
				// Fills the frame after its 4-byte header; 0 means the content has ended.
				int n = ContentSource.read(content, frame, 4, frame.length - 4);
				if (n == 0) {
					break;
				}
				sent += n;
				if (sent > limit) {
					// Stop before sending past the limit: the verdict is known, the rest
					// is waste.
					return tooLarge(limit);
				}
				ByteBuffer.wrap(frame).putInt(0, n);
				connection.write(ByteBuffer.wrap(frame, 0, 4 + n), this.settings.readTimeout());
			}
			connection.write(ByteBuffer.wrap(new byte[4]), this.settings.readTimeout());
		}
		catch (IOException ex) {
			return replyAfterBrokenStream(connection, ex);
		}
		try {
			return ScanReply.parse(connection.readReply(this.settings.readTimeout()));
		}
		catch (IOException ex) {
			throw connection.failure("waiting for the verdict from", ex);
		}
	}

	/**
	 * clamd closes the connection when a stream passes its StreamMaxLength, after writing
	 * its reason; read that reply before calling the failure a broken connection.
	 */
	private Verdict replyAfterBrokenStream(ClamdConnection connection, IOException writeFailure) {
		if (connection.timedOut()) {
			throw connection.failure("streaming to", writeFailure);
		}
		try {
			return ScanReply.parse(connection.readReply(this.settings.connectTimeout()));
		}
		catch (IOException | EngineException ex) {
			throw connection.failure("streaming to", writeFailure);
		}
	}

	static Verdict tooLarge(long limit) {
		return new Verdict.Unscannable(UnscannableReason.TOO_LARGE,
				"Content is larger than the ClamAV stream limit of " + limit + " bytes");
	}

}
