package dev.bucketwarden.local.moto;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run one moto server.
 *
 * @param workDir where its output goes
 * @param startTimeout how long to wait for it to answer
 */
public record MotoOptions(Path workDir, Duration startTimeout) {

	public MotoOptions {
		Objects.requireNonNull(workDir, "workDir");
		Objects.requireNonNull(startTimeout, "startTimeout");
	}

	/** Defaults for tests: in the given work directory. */
	public static MotoOptions in(Path workDir) {
		return new MotoOptions(workDir, Duration.ofSeconds(60));
	}

}
