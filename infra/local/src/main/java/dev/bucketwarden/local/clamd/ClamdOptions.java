package dev.bucketwarden.local.clamd;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run one clamd. Sizes use clamd's own notation ({@code 64M}).
 *
 * @param workDir where the configuration, database, socket, log and temp files go
 * @param maxThreads clamd's MaxThreads
 * @param streamMaxLength clamd's StreamMaxLength
 * @param maxFileSize clamd's MaxFileSize
 * @param maxScanSize clamd's MaxScanSize
 * @param maxScanTime clamd's MaxScanTime
 * @param disableCache clamd's DisableCache (on for benchmarks, so each scan really scans)
 * @param signatureVersion the version the signature database reports
 * @param startTimeout how long to wait for clamd to answer PING
 * @param signatures random signatures loaded beside our test database (benchmarks), or
 * {@link SyntheticSignatures#NONE}
 */
public record ClamdOptions(Path workDir, int maxThreads, String streamMaxLength, String maxFileSize, String maxScanSize,
		Duration maxScanTime, boolean disableCache, int signatureVersion, Duration startTimeout,
		SyntheticSignatures signatures) {

	public ClamdOptions {
		Objects.requireNonNull(workDir, "workDir");
		Objects.requireNonNull(startTimeout, "startTimeout");
		Objects.requireNonNull(signatures, "signatures");
		if (maxThreads < 1) {
			throw new IllegalArgumentException("maxThreads must be positive");
		}
	}

	/**
	 * Defaults for tests and the local stack, in the given work directory. MaxFileSize is
	 * not below MaxScanSize, as in docker/clamav/clamd.conf: clamd cuts a longer archive
	 * member without an alert.
	 */
	public static ClamdOptions in(Path workDir) {
		return new ClamdOptions(workDir, 4, "300M", "1200M", "1200M", Duration.ofMinutes(2), false, 0,
				Duration.ofSeconds(90), SyntheticSignatures.NONE);
	}

	public ClamdOptions withMaxThreads(int maxThreads) {
		return new ClamdOptions(this.workDir, maxThreads, this.streamMaxLength, this.maxFileSize, this.maxScanSize,
				this.maxScanTime, this.disableCache, this.signatureVersion, this.startTimeout, this.signatures);
	}

	public ClamdOptions withStreamMaxLength(String streamMaxLength) {
		return new ClamdOptions(this.workDir, this.maxThreads, streamMaxLength, this.maxFileSize, this.maxScanSize,
				this.maxScanTime, this.disableCache, this.signatureVersion, this.startTimeout, this.signatures);
	}

	public ClamdOptions withMaxFileSize(String maxFileSize) {
		return new ClamdOptions(this.workDir, this.maxThreads, this.streamMaxLength, maxFileSize, this.maxScanSize,
				this.maxScanTime, this.disableCache, this.signatureVersion, this.startTimeout, this.signatures);
	}

	public ClamdOptions withDisableCache(boolean disableCache) {
		return new ClamdOptions(this.workDir, this.maxThreads, this.streamMaxLength, this.maxFileSize, this.maxScanSize,
				this.maxScanTime, disableCache, this.signatureVersion, this.startTimeout, this.signatures);
	}

	/** A database version other than the shipped one, to see an update reported. */
	public ClamdOptions withSignatureVersion(int signatureVersion) {
		return new ClamdOptions(this.workDir, this.maxThreads, this.streamMaxLength, this.maxFileSize, this.maxScanSize,
				this.maxScanTime, this.disableCache, signatureVersion, this.startTimeout, this.signatures);
	}

	/**
	 * Random signatures loaded beside our test database, as many as a real database has:
	 * clamd then takes longer to start, so {@code startTimeout} should allow for it.
	 */
	public ClamdOptions withSignatures(SyntheticSignatures signatures) {
		return new ClamdOptions(this.workDir, this.maxThreads, this.streamMaxLength, this.maxFileSize, this.maxScanSize,
				this.maxScanTime, this.disableCache, this.signatureVersion, this.startTimeout, signatures);
	}

	public ClamdOptions withStartTimeout(Duration startTimeout) {
		return new ClamdOptions(this.workDir, this.maxThreads, this.streamMaxLength, this.maxFileSize, this.maxScanSize,
				this.maxScanTime, this.disableCache, this.signatureVersion, startTimeout, this.signatures);
	}

}
