package dev.bucketwarden.engine.clamav;

import dev.bucketwarden.engine.chain.ChainPolicy;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.local.samples.Samples;

/**
 * Run in a child JVM with a small heap by {@link BoundedMemoryIntegrationTests}: scans
 * generated content far larger than the heap through a two-engine chain (so the spool
 * path is used) and prints the verdict and the bytes scanned.
 */
public final class LargeStreamScan {

	private LargeStreamScan() {
	}

	public static void main(String[] args) {
		int port = Integer.parseInt(args[0]);
		long size = Long.parseLong(args[1]);
		ClamavSettings settings = ClamavSettings.DEFAULTS.withTcp("127.0.0.1", port).withStreamMaxLength(size);
		EngineChain chain = EngineChain.builder()
			.engine(new ClamavEngine("clamav", settings))
			.engine(new ClamavEngine("clamav-again", settings))
			.policy(ChainPolicy.RUN_ALL)
			.build();
		ScanReport report = chain.scan(Samples.randomWithMarkerAtEnd(size, 1),
				ScanContext.of(new ObjectRef.Upload("large"), size));
		System.out.println("verdict=" + report.verdict().result().label() + " bytes=" + report.bytesScanned()
				+ " engines=" + report.signaturesByEngine().keySet() + " maxHeapMiB="
				+ Runtime.getRuntime().maxMemory() / (1 << 20));
	}

}
