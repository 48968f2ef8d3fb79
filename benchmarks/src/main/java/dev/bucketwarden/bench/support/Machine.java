package dev.bucketwarden.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the reports say about the machine they ran on, so figures can be compared. */
public final class Machine {

	private Machine() {
	}

	/** The CPU's model name from /proc/cpuinfo, or the architecture elsewhere. */
	public static String cpuModel() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					return line.substring(line.indexOf(':') + 1).strip();
				}
			}
		}
		catch (IOException | UncheckedIOException ex) {
			// not Linux: leave it out
		}
		return System.getProperty("os.arch");
	}

	/** The machine's memory in GiB, or "?" when the JVM does not tell. */
	public static String totalMemoryGib() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return String.format(Locale.ROOT, "%.0f", os.getTotalMemorySize() / (double) (1L << 30));
		}
		return "?";
	}

}
