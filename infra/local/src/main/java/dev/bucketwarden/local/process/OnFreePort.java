package dev.bucketwarden.local.process;

import java.util.function.IntFunction;
import java.util.function.Predicate;

import dev.bucketwarden.local.support.FreePorts;

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
		return start(start, (failure) -> failure instanceof ChildExitedException exited && exited.portTaken());
	}

	/**
	 * Calls {@code start} with a free port, up to three times while it fails in a way
	 * {@code portTaken} attributes to the port. {@code start} must stop what it started
	 * before it throws.
	 */
	public static <T> T start(IntFunction<T> start, Predicate<RuntimeException> portTaken) {
		for (int attempt = 1;; attempt++) {
			try {
				return start.apply(FreePorts.next());
			}
			catch (RuntimeException ex) {
				if (!portTaken.test(ex) || attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

}
