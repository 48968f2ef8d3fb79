package dev.bucketwarden.retro.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * This JVM's peak heap use so far (the sum of each heap pool's peak, an upper bound of
 * the real peak), for the retro benchmark's bounded-memory figure.
 */
final class HeapReport {

	private HeapReport() {
	}

	static String describe() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		long max = Runtime.getRuntime().maxMemory();
		return "peakUsedMiB=" + (peak >> 20) + " maxMiB=" + (max >> 20);
	}

}
