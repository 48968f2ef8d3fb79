package dev.bucketwarden.local.cicap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run one c-icap.
 *
 * @param workDir where the configuration, logs, pid file and temp files go
 * @param clamdSocket the unix socket of the clamd that virus_scan's clamd_mod uses
 * @param threads c-icap's ThreadsPerChild (one child process is run)
 * @param maxObjectSize virus_scan's MaxObjectSize, in c-icap's notation ({@code 300M});
 * keep it at or above clamd's StreamMaxLength so nothing passes unscanned
 * @param startTimeout how long to wait for c-icap to answer OPTIONS
 */
public record CIcapOptions(Path workDir, Path clamdSocket, int threads, String maxObjectSize, Duration startTimeout) {

	public CIcapOptions {
		Objects.requireNonNull(workDir, "workDir");
		Objects.requireNonNull(clamdSocket, "clamdSocket");
		if (threads < 1) {
			throw new IllegalArgumentException("threads must be positive");
		}
	}

	/** Defaults for tests: in the given work directory, over the given clamd. */
	public static CIcapOptions in(Path workDir, Path clamdSocket) {
		return new CIcapOptions(workDir, clamdSocket, 8, "300M", Duration.ofSeconds(60));
	}

	public CIcapOptions withThreads(int threads) {
		return new CIcapOptions(this.workDir, this.clamdSocket, threads, this.maxObjectSize, this.startTimeout);
	}

	public CIcapOptions withMaxObjectSize(String maxObjectSize) {
		return new CIcapOptions(this.workDir, this.clamdSocket, this.threads, maxObjectSize, this.startTimeout);
	}

}
