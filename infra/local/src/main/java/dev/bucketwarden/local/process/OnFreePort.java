package dev.bucketwarden.local.process;

import java.util.function.IntFunction;

import dev.bucketwarden.local.FreePorts;

/**
 * Starts a server on a port that was free a moment ago, and again on another one when
 * some other process took it first.
 */
public final class OnFreePort {

	private static final int ATTEMPTS = 3;

	private OnFreePort() {
	}

	/**
	 * Calls {@code start} with a free port, up to three times while it fails with a
	 * {@link ChildExitedException} whose port was taken. {@code start} must stop what it
	 * started before it throws.
	 */
	public static <T> T start(IntFunction<T> start) {
		for (int attempt = 1;; attempt++) {
			try {
				return start.apply(FreePorts.next());
			}
			catch (ChildExitedException ex) {
				if (!ex.portTaken() || attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

}
