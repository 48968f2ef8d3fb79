package dev.bucketwarden.engine.sophos;

import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.ScanEngineProvider;

/** Registers the {@code sophos} engine with {@link java.util.ServiceLoader}. */
public final class SophosEngineProvider implements ScanEngineProvider {

	public static final String ID = "sophos";

	@Override
	public String id() {
		return ID;
	}

	@Override
	public ScanEngine create(EngineSettings settings) {
		return new SophosEngine(ID, SophosSettings.from(settings));
	}

}
