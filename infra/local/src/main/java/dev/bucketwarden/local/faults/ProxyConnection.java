package dev.bucketwarden.local.faults;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of a {@link FaultProxy}: reads its requests one after the other
 * (keep-alive), forwards each over its own upstream connection and relays the response,
 * or injects the fault the proxy decided for it.
 */
final class ProxyConnection implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(ProxyConnection.class);

	private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

	/**
	 * The most of a refused request's body read before answering; more is not waited for.
	 */
	private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

	private static final int BUFFER = 64 * 1024;

	private final FaultProxy proxy;

	private final Socket client;

	private final Duration delay;

	private @Nullable Upstream upstream;

	ProxyConnection(FaultProxy proxy, Socket client, Duration delay) {
		this.proxy = proxy;
		this.client = client;
		this.delay = delay;
	}

	@Override
	public void run() {
		try {
			InputStream in = new BufferedInputStream(this.client.getInputStream(), BUFFER);
			OutputStream out = new BufferedOutputStream(this.client.getOutputStream(), BUFFER);
			boolean open = true;
			while (open && !this.proxy.isClosed()) {
				HttpHead request = HttpHead.read(in);
				open = (request != null) && exchange(request, in, out);
			}
		}
		catch (IOException ex) {
			// The client or the upstream went away: what a proxy sees every day.
			logger.debug("Fault proxy {} connection ended: {}", this.proxy.name(), ex.toString());
		}
		finally {
			dropUpstream();
			this.proxy.forget(this.client);
		}
	}

	/** One request and its response; whether the connection stays open for another. */
	private boolean exchange(HttpHead request, InputStream in, OutputStream out) throws IOException {
		AwsOperation operation = AwsOperation.of(request);
		FaultKind fault = this.proxy.decide(operation, request);
		if (fault != null && !fault.forwarded()) {
			refuse(request, operation, fault, in, out);
			return false;
		}
		HttpHead forwarded = request;
		if (request.hasToken("Expect", "100-continue")) {
			// Answered here, so the body follows at once; the upstream never waits for
			// it.
			forwarded = request.without("Expect");
			out.write(CONTINUE);
			out.flush();
		}
		Upstream upstream = upstream();
		upstream.out.write(forwarded.raw());
		Framing.ofRequest(request).copy(request, in, upstream.out);
		upstream.out.flush();
		HttpHead response = HttpHead.read(upstream.in);
		while (response != null && response.status() >= 100 && response.status() < 200) {
			out.write(response.raw());
			out.flush();
			response = HttpHead.read(upstream.in);
		}
		if (response == null) {
			throw new IOException("The upstream closed the connection without answering " + request);
		}
		Framing framing = Framing.ofResponse(request.method(), response);
		if (fault == FaultKind.DELAY_PAST_TIMEOUT && !holdWhileClientStays(in)) {
			return false;
		}
		if (fault == FaultKind.RESET_MID_BODY) {
			resetMidBody(response, framing, upstream.in, out);
			return false;
		}
		out.write(response.raw());
		framing.copy(response, upstream.in, out);
		out.flush();
		boolean upstreamStays = framing != Framing.UNTIL_CLOSE && !response.hasToken("Connection", "close");
		if (!upstreamStays) {
			dropUpstream();
		}
		return upstreamStays && !request.hasToken("Connection", "close");
	}

	/**
	 * Answers a non-forwarded fault. The body is read first (bounded) so that the client,
	 * still sending it, gets the answer rather than a reset; a client waiting for
	 * {@code 100 Continue} sends none.
	 */
	private void refuse(HttpHead request, AwsOperation operation, FaultKind fault, InputStream in, OutputStream out)
			throws IOException {
		if (!request.hasToken("Expect", "100-continue")) {
			Framing framing = Framing.ofRequest(request);
			if (framing != Framing.LENGTH || Framing.length(request) <= DRAIN_LIMIT) {
				framing.copy(request, in, OutputStream.nullOutputStream());
			}
		}
		out.write(ErrorReplies.of(fault, operation, request));
		out.flush();
		lingeringClose(in);
	}

	/**
	 * Half-closes and reads what the client still sends for a moment: closing with unread
	 * bytes would make the kernel reset the connection and lose the answer.
	 */
	private void lingeringClose(InputStream in) throws IOException {
		this.client.shutdownOutput();
		this.client.setSoTimeout(2000);
		byte[] discard = new byte[BUFFER];
		long read = 0;
		try {
			int n;
			while (read < DRAIN_LIMIT && (n = in.read(discard)) >= 0) {
				read += n;
			}
		}
		catch (SocketTimeoutException ex) {
			// The client keeps the connection open: closed below all the same.
		}
	}

	/**
	 * Holds the response for the proxy's delay. Returns false if the client closed the
	 * connection meanwhile (its attempt timed out), true if it is still there.
	 */
	private boolean holdWhileClientStays(InputStream in) throws IOException {
		long deadline = System.nanoTime() + this.delay.toNanos();
		try {
			long left;
			while ((left = deadline - System.nanoTime()) > 0) {
				this.client.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
				in.mark(1);
				try {
					if (in.read() < 0) {
						dropUpstream();
						return false;
					}
					// A pipelined request: kept for the next exchange.
					in.reset();
					waitQuietly(deadline);
				}
				catch (SocketTimeoutException ex) {
					// The delay ran out with the client still waiting.
				}
			}
		}
		finally {
			if (!this.client.isClosed()) {
				this.client.setSoTimeout(0);
			}
		}
		return true;
	}

	private static void waitQuietly(long deadline) throws IOException {
		try {
			long left = deadline - System.nanoTime();
			if (left > 0) {
				Thread.sleep(Duration.ofNanos(left));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while holding a response", ex);
		}
	}

	/**
	 * Sends the head and about half of the body, then resets the connection (SO_LINGER 0
	 * makes close send RST); without a body, part of the head then the reset.
	 */
	private void resetMidBody(HttpHead response, Framing framing, InputStream upstreamIn, OutputStream out)
			throws IOException {
		if (framing == Framing.NONE) {
			byte[] raw = response.raw();
			out.write(Arrays.copyOf(raw, raw.length / 2));
		}
		else {
			out.write(response.raw());
			framing.copyHalf(response, upstreamIn, out);
		}
		out.flush();
		dropUpstream();
		this.client.setSoLinger(true, 0);
		this.client.close();
	}

	/** The upstream connection, opened now if there is none or the upstream closed it. */
	private Upstream upstream() throws IOException {
		if (this.upstream != null && this.upstream.isClosedByPeer()) {
			dropUpstream();
		}
		if (this.upstream == null) {
			this.upstream = new Upstream(this.proxy.connectUpstream());
		}
		return this.upstream;
	}

	private void dropUpstream() {
		if (this.upstream != null) {
			this.proxy.forget(this.upstream.socket);
			this.upstream = null;
		}
	}

	private static final class Upstream {

		private final Socket socket;

		private final InputStream in;

		private final OutputStream out;

		Upstream(Socket socket) throws IOException {
			this.socket = socket;
			this.in = new BufferedInputStream(socket.getInputStream(), BUFFER);
			this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
		}

		/**
		 * Whether the upstream closed this idle keep-alive connection: a read that ends
		 * at once says so, one that times out says it is still open.
		 */
		boolean isClosedByPeer() {
			try {
				if (this.in.available() > 0) {
					// Bytes nobody asked for: the connection is not in a state to reuse.
					return true;
				}
				this.socket.setSoTimeout(1);
				try {
					// Ended (-1) or unasked-for bytes: either way not a connection to
					// reuse.
					this.in.read();
					return true;
				}
				catch (SocketTimeoutException ex) {
					return false;
				}
				finally {
					this.socket.setSoTimeout(0);
				}
			}
			catch (IOException ex) {
				return true;
			}
		}

	}

}
