package dev.bucketwarden.engine.premium;

import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.ScanEngineProvider;

/** Registers the {@code premium} engine with {@link java.util.ServiceLoader}. */
public final class PremiumEngineProvider implements ScanEngineProvider {

	public static final String ID = "premium";

	@Override
	public String id() {
		return ID;
	}

	@Override
	public ScanEngine create(EngineSettings settings) {
		return new PremiumEngine(ID, PremiumSettings.from(settings));
	}

}
