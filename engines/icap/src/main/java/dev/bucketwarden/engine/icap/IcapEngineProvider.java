package dev.bucketwarden.engine.icap;

import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.ScanEngineProvider;

/** Registers the {@code icap} engine with {@link java.util.ServiceLoader}. */
public final class IcapEngineProvider implements ScanEngineProvider {

	public static final String ID = "icap";

	@Override
	public String id() {
		return ID;
	}

	@Override
	public ScanEngine create(EngineSettings settings) {
		return new IcapEngine(ID, IcapSettings.from(settings));
	}

}
