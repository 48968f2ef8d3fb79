package dev.bucketwarden.agent.pipeline;

import java.util.Map;

import dev.bucketwarden.engine.chain.ChainMember;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.ScanEngineRegistry;
import dev.bucketwarden.local.clamd.ClamdServer;

/**
 * The chain the pipeline tests scan with: the ClamAV engine on a real clamd, required.
 */
final class ClamavChains {

	private ClamavChains() {
	}

	static EngineChain on(ClamdServer clamd) {
		return EngineChain.builder()
			.member(new ChainMember(ScanEngineRegistry.load()
				.create("clamav",
						EngineSettings.of(Map.of("host", clamd.host(), "port", Integer.toString(clamd.port())))),
					true))
			.build();
	}

}
