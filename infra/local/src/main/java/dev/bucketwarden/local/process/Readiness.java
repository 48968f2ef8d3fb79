package dev.bucketwarden.local.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits, within a deadline, until a child is ready, and fails at once when it exits. Also
 * a small HTTP client for probes: emulators need no signed request to say they are up.
 */
public final class Readiness {

	private static final Duration POLL = Duration.ofMillis(100);

	/** HTTP/1.1, as the SDK speaks to the emulators: no h2c upgrade offers. */
	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private Readiness() {
	}

	/**
	 * Polls {@code ready} until it is true; fails when the process exits or the timeout
	 * passes. A probe that throws counts as not ready yet.
	 */
	public static void await(JavaProcess process, Duration timeout, String what, BooleanSupplier ready) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			process.checkAlive();
			if (test(ready)) {
				return;
			}
			sleep(POLL);
		}
		throw new IllegalStateException(
				process + " was not ready (" + what + ") within " + timeout + "; its log ends:\n" + process.logTail());
	}

	/** Sends a request and returns the response, or throws if there is none. */
	public static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException("No answer from " + request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while calling " + request.uri(), ex);
		}
	}

	/** A GET with a short timeout. */
	public static HttpRequest get(URI uri) {
		return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
	}

	private static boolean test(BooleanSupplier ready) {
		try {
			return ready.getAsBoolean();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a child process", ex);
		}
	}

}
