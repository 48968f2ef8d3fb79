package dev.bucketwarden.engine.chain;

import java.util.Objects;

import dev.bucketwarden.engine.spi.ScanEngine;

/**
 * An engine's place in the chain.
 *
 * @param engine the engine
 * @param required whether the chain's verdict depends on this engine scanning the
 * content: an optional engine's error or unscannable verdict is recorded but does not
 * decide the verdict (its findings always do)
 */
public record ChainMember(ScanEngine engine, boolean required) {

	public ChainMember {
		Objects.requireNonNull(engine, "engine");
	}

}
