package dev.bucketwarden.bench.chaos.api;

import dev.bucketwarden.bench.chaos.ChaosOptions;

/** The API agent's chaos run: concurrent uploads while clients, clamd and S3 fail. */
public final class ApiChaos {

	private ApiChaos() {
	}

	/** Runs the part; returns the number of violations it found. */
	public static long run(ChaosOptions options) {
		throw new UnsupportedOperationException("not built yet");
	}

}
