package dev.bucketwarden.local.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds free loopback ports for the servers of the local stack. */
public final class FreePorts {

	private FreePorts() {
	}

	/**
	 * A port that was free a moment ago. Another process may take it before the server
	 * binds, so launchers retry with a new port when binding fails.
	 */
	public static int next() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on 127.0.0.1", ex);
		}
	}

}
