package dev.bucketwarden.engine.sophos;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.engine.spi.io.ContentSource;

/**
 * The {@code SCANDATA <length>} request: announced with its length, acknowledged (ACC, or
 * {@code REJ 4} when the length is over SAVDI's limit) before any data is sent, then
 * exactly that many bytes, then the reply lines (see {@link ScanReply}). Content is
 * streamed in chunks; nothing is buffered beyond one chunk.
 */
final class ScanData {

	private final SophosSettings settings;

	ScanData(SophosSettings settings) {
		this.settings = settings;
	}

	/**
	 * Scans exactly {@code length} bytes of {@code content}, which must then end: content
	 * that ends early or goes on is not what was announced, and a verdict on it would be
	 * about other bytes.
	 */
	Verdict send(SsspSession session, InputStream content, long length) {
		SsspConnection connection = session.connection();
		String request = "SCANDATA " + length;
		try {
			session.request(request);
			Acknowledgement ack = session.acknowledgement("SCANDATA");
			if (!ack.accepted()) {
				if (ack.value().equals(Acknowledgement.TOO_MUCH_DATA)) {
					return new Verdict.Unscannable(UnscannableReason.TOO_LARGE,
							"SAVDI refused " + length + " bytes as too much data (REJ 4, its maxscandata)");
				}
				throw ack.rejection(request, connection.endpoint());
			}
			stream(connection, content, length);
			return ScanReply.parse(session.replyLines("SCANDATA"), connection.endpoint());
		}
		catch (IOException ex) {
			throw connection.failure("scanning with", ex);
		}
	}

	private void stream(SsspConnection connection, InputStream content, long length) throws IOException {
		byte[] chunk = new byte[(int) Math.min(this.settings.chunkSize(), Math.max(length, 1))];
		long left = length;
		while (left > 0) {
			int n = ContentSource.read(content, chunk, 0, (int) Math.min(chunk.length, left));
			if (n == 0) {
				throw EngineException
					.contentRead("The content ended after " + (length - left) + " of its " + length + " bytes", null);
			}
			connection.write(ByteBuffer.wrap(chunk, 0, n), this.settings.readTimeout());
			left -= n;
		}
		if (ContentSource.read(content, chunk, 0, 1) != 0) {
			throw EngineException.contentRead("The content is longer than its declared " + length + " bytes", null);
		}
	}

	static Verdict tooLarge(long limit) {
		return new Verdict.Unscannable(UnscannableReason.TOO_LARGE,
				"Content is larger than the Sophos data limit of " + limit + " bytes");
	}

}
