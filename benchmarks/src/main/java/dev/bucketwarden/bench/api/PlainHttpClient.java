package dev.bucketwarden.bench.api;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.bucketwarden.bench.support.BareInstreamClient;
import dev.bucketwarden.bench.support.Http1Response;

/**
 * The simplest correct HTTP/1.1 client for one POST at a time over one keep-alive
 * connection: the counterpart of {@link BareInstreamClient} on the agent's side, so that
 * both paths of {@code bin/bench api} are driven by equally lean clients and the
 * difference between them is the agent's. It sends {@code Content-Length} and the file's
 * bytes, and reads a response framed by {@code Content-Length} or chunked encoding; when
 * the server closes the connection, the next request opens a new one.
 * <p>
 * Not thread-safe: one instance per worker thread.
 */
final class PlainHttpClient implements Closeable {

	private static final int TIMEOUT_MILLIS = 120_000;

	private final InetSocketAddress address;

	private final byte[] buffer = new byte[128 << 10];

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	PlainHttpClient(int port) {
		this.address = new InetSocketAddress("127.0.0.1", port);
	}

	/**
	 * The response to a POST of the file.
	 *
	 * @param status the status code
	 * @param body the body as UTF-8 text
	 */
	record Response(int status, String body) {
	}

	Response post(String path, String authorization, Path file) throws IOException {
		connect();
		long length = Files.size(file);
		String head = "POST " + path + " HTTP/1.1\r\nHost: " + this.address.getHostString() + ":"
				+ this.address.getPort() + "\r\nAuthorization: " + authorization
				+ "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + length + "\r\n\r\n";
		try {
			this.out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			try (InputStream content = Files.newInputStream(file)) {
				int n;
				while ((n = content.read(this.buffer)) > 0) {
					this.out.write(this.buffer, 0, n);
				}
			}
			this.out.flush();
			return read();
		}
		catch (IOException ex) {
			close();
			throw ex;
		}
	}

	private void connect() throws IOException {
		if (this.socket != null) {
			return;
		}
		Socket s = new Socket();
		s.setTcpNoDelay(true);
		s.setSoTimeout(TIMEOUT_MILLIS);
		s.connect(this.address, 10_000);
		this.socket = s;
		this.in = new BufferedInputStream(s.getInputStream(), 16 << 10);
		this.out = s.getOutputStream();
	}

	private Response read() throws IOException {
		Http1Response response = Http1Response.read(this.in, this.buffer);
		if (response.closes()) {
			close();
		}
		return new Response(response.status(), response.body());
	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
			this.socket = null;
		}
	}

}
