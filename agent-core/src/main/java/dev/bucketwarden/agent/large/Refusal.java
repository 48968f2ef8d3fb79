package dev.bucketwarden.agent.large;

import java.util.Objects;

import dev.bucketwarden.engine.spi.UnscannableReason;

/**
 * The planner's answer when the object cannot be scanned part by part honestly (an
 * encrypted or unsupported zip member, a directory that does not add up or is too large
 * to plan): one part over the whole object whose scan is this Unscannable verdict without
 * reading anything. It travels like any part, so the job ends Unscannable the ordinary
 * way, never Clean.
 */
public record Refusal(int index, long end, UnscannableReason reason, String detail) implements Part {

	public Refusal {
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(detail, "detail");
		if (index < 0 || end <= 0) {
			throw new IllegalArgumentException("A refusal covers a non-empty object");
		}
	}

	@Override
	public long start() {
		return 0;
	}

}
