package dev.bucketwarden.engine.clamav;

import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.ScanEngineProvider;

/** Registers the {@code clamav} engine with {@link java.util.ServiceLoader}. */
public final class ClamavEngineProvider implements ScanEngineProvider {

	public static final String ID = "clamav";

	@Override
	public String id() {
		return ID;
	}

	@Override
	public ScanEngine create(EngineSettings settings) {
		return new ClamavEngine(ID, ClamavSettings.from(settings));
	}

}
