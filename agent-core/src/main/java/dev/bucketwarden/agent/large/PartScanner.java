package dev.bucketwarden.agent.large;

import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.ScanLimits;

/**
 * Fetches one part of a pinned version and scans it. A part is Clean only when every byte
 * it covers went through every required engine.
 */
public interface PartScanner {

	/**
	 * Scans the part.
	 * @return the chain's report for the part; an Error verdict when an engine or the
	 * source failed (never Clean)
	 * @throws dev.bucketwarden.agent.storage.ObjectChangedException when the version was
	 * deleted or overwritten since it was pinned
	 */
	ScanReport scan(ObjectInfo pinned, Part part, EngineChain chain, ScanLimits limits);

}
