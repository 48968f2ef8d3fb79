package dev.bucketwarden.bench.support;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The simplest correct clamd INSTREAM client, the baseline the engine is measured
 * against: a plain {@link Socket} to 127.0.0.1, {@code zINSTREAM\0}, the file in chunks
 * each prefixed with its 4-byte big-endian length (header and chunk in one write), a zero
 * length, and the NUL-terminated reply. One connection per file, as clamd closes it after
 * the reply. Not thread-safe: one instance (and its chunk buffer) per worker thread.
 */
public final class BareInstreamClient {

	private static final byte[] INSTREAM = "zINSTREAM\0".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] END = new byte[4];

	private static final int READ_TIMEOUT_MILLIS = 60_000;

	private final int readTimeoutMillis;

	private final int port;

	private final byte[] frame;

	public BareInstreamClient(int port, int chunkSize) {
		this(port, chunkSize, READ_TIMEOUT_MILLIS);
	}

	/**
	 * A client that waits up to {@code readTimeoutMillis} for each read: clamd answers a
	 * stream only after scanning all of it, which takes longer than a minute for hundreds
	 * of MiB on a loaded machine.
	 */
	public BareInstreamClient(int port, int chunkSize, int readTimeoutMillis) {
		this.port = port;
		this.frame = new byte[4 + chunkSize];
		this.readTimeoutMillis = readTimeoutMillis;
	}

	/** Streams the file to clamd and returns its reply without the terminator. */
	public String scan(Path file) throws IOException {
		try (InputStream content = new FileInputStream(file.toFile())) {
			return scan(content);
		}
	}

	/**
	 * Streams the content to clamd and returns its reply without the terminator; the
	 * caller closes the content.
	 */
	public String scan(InputStream content) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(this.readTimeoutMillis);
			OutputStream out = socket.getOutputStream();
			out.write(INSTREAM);
			int n;
			while ((n = content.readNBytes(this.frame, 4, this.frame.length - 4)) > 0) {
				this.frame[0] = (byte) (n >>> 24);
				this.frame[1] = (byte) (n >>> 16);
				this.frame[2] = (byte) (n >>> 8);
				this.frame[3] = (byte) n;
				out.write(this.frame, 0, 4 + n);
			}
			out.write(END);
			return readReply(socket.getInputStream());
		}
	}

	private static String readReply(InputStream in) throws IOException {
		ByteArrayOutputStream reply = new ByteArrayOutputStream(64);
		byte[] buffer = new byte[256];
		while (reply.size() < 64 * 1024) {
			int n = in.read(buffer);
			if (n == -1) {
				throw new IOException("clamd closed the connection without a terminated reply: '"
						+ reply.toString(StandardCharsets.US_ASCII) + "'");
			}
			for (int i = 0; i < n; i++) {
				if (buffer[i] == 0) {
					reply.write(buffer, 0, i);
					return reply.toString(StandardCharsets.US_ASCII);
				}
			}
			reply.write(buffer, 0, n);
		}
		throw new IOException("clamd's reply is too long");
	}

}
