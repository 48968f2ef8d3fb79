package dev.bucketwarden.jobs;

import java.util.List;
import java.util.Objects;

/**
 * The result of one file of a directory job.
 *
 * @param path the file's path relative to the job's directory
 * @param result the result label (Clean, Infected, Unscannable, Error, Skipped)
 * @param reason why it is not clean, or {@code null}
 * @param signatures what was found
 * @param size its size in bytes, or -1 when unknown
 * @param quarantinedTo where an infected file was moved, or {@code null}
 */
public record FileResult(String path, String result, String reason, List<String> signatures, long size,
		String quarantinedTo) {

	public FileResult {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(result, "result");
		signatures = List.copyOf(signatures);
	}

}
