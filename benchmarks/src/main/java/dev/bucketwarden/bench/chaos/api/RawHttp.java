package dev.bucketwarden.bench.chaos.api;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import dev.bucketwarden.bench.support.Http1Response;

/**
 * One HTTP/1.1 POST per connection over a plain socket, so that a client can do what no
 * HTTP library lets it: send part of the body it announced and then close or reset the
 * connection. Every wait is bounded by the socket's timeout.
 */
final class RawHttp {

	private final InetSocketAddress address;

	private final int timeoutMillis;

	RawHttp(int port, int timeoutMillis) {
		this.address = new InetSocketAddress("127.0.0.1", port);
		this.timeoutMillis = timeoutMillis;
	}

	/**
	 * Sends the request; when it is one that disconnects, sends the first
	 * {@link PlannedRequest#cutAt()} bytes of the body, then closes or resets the
	 * connection without reading an answer.
	 */
	Answer send(PlannedRequest request, String token) {
		byte[] body = request.body().bytes();
		String head = "POST " + request.path() + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.address.getPort()
				+ "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/octet-stream\r\nX-File-Name: "
				+ request.body().index() + ".bin\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
		try (Socket socket = new Socket()) {
			socket.setSoTimeout(this.timeoutMillis);
			socket.connect(this.address, 10_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			if (request.disconnects()) {
				out.write(body, 0, request.cutAt());
				out.flush();
				if (request.reset()) {
					// SO_LINGER 0: close sends RST instead of FIN.
					socket.setSoLinger(true, 0);
				}
				return Answer.none("disconnected after " + request.cutAt() + " of " + body.length + " bytes");
			}
			InputStream in = new BufferedInputStream(socket.getInputStream(), 16 << 10);
			try {
				out.write(body);
				out.flush();
			}
			catch (IOException ex) {
				// The agent may answer (503 with clamd down) and close before it read the
				// whole body: its answer is still there to read.
				return readAfterFailedWrite(in, ex);
			}
			return read(in);
		}
		catch (IOException ex) {
			return Answer.none(ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private static Answer readAfterFailedWrite(InputStream in, IOException writeFailure) {
		try {
			return read(in);
		}
		catch (IOException ex) {
			return Answer.none("sending the body failed (" + writeFailure.getMessage() + ") and no answer came");
		}
	}

	static Answer read(InputStream in) throws IOException {
		Http1Response response = Http1Response.read(in, new byte[8192]);
		return new Answer(response.status(), response.header("retry-after"), response.body(), null);
	}

}
