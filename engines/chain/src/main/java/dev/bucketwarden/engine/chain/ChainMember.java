package dev.bucketwarden.engine.chain;

import java.time.Duration;
import java.util.Objects;

import dev.bucketwarden.engine.spi.ScanEngine;

/**
 * An engine's place in the chain.
 *
 * @param engine the engine
 * @param required whether the chain's verdict depends on this engine scanning the
 * content: an optional engine's error or unscannable verdict is recorded (see
 * {@link ScanReport#optionalFailures()}) but does not decide the verdict (its findings
 * always do)
 * @param timeout how long this engine may take for one content, or {@code null} for the
 * scan's own limit ({@link dev.bucketwarden.engine.spi.ScanLimits#timeout()}); the chain
 * enforces it even on an engine that hangs
 */
public record ChainMember(ScanEngine engine, boolean required, Duration timeout) {

	public ChainMember {
		Objects.requireNonNull(engine, "engine");
		if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
			throw new IllegalArgumentException("timeout of engine '" + engine.id() + "' must be positive");
		}
	}

	public ChainMember(ScanEngine engine, boolean required) {
		this(engine, required, null);
	}

}
