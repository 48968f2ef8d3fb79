package dev.bucketwarden.bench.chaos.event;

import dev.bucketwarden.bench.chaos.ChaosOptions;

/** The event pipeline's chaos run: two event agents and a retro worker under faults. */
public final class EventChaos {

	private EventChaos() {
	}

	/** Runs the part; returns the number of violations it found. */
	public static long run(ChaosOptions options) {
		throw new UnsupportedOperationException("not built yet");
	}

}
