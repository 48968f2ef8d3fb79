package dev.bucketwarden.retro.cli;

import java.time.Instant;

import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.Rescan;

/**
 * The options of {@code start} that narrow a job: key prefix, time window, rescan rule.
 */
final class StartOptions {

	private StartOptions() {
	}

	/**
	 * The request with {@code --prefix}, {@code --from}, {@code --before} and
	 * {@code --rescan}.
	 */
	static JobRequest withWindowAndRescan(JobRequest request, CommandLine line) {
		JobRequest narrowed = request.withPrefix(line.option("prefix"))
			.withWindow(instant(line.option("from")), instant(line.option("before")));
		if (line.option("rescan") != null) {
			narrowed = narrowed.withRescan(rescan(line.option("rescan")));
		}
		return narrowed;
	}

	/** {@code always} or {@code signatures-before=ISO-INSTANT}. */
	static Rescan rescan(String value) {
		if (value == null) {
			return null;
		}
		if (value.equals("always")) {
			return Rescan.ALWAYS;
		}
		if (value.startsWith("signatures-before=")) {
			return Rescan.signaturesBefore(Instant.parse(value.substring("signatures-before=".length())));
		}
		throw new IllegalArgumentException("--rescan is always or signatures-before=ISO-INSTANT, not " + value);
	}

	private static Instant instant(String value) {
		return (value != null) ? Instant.parse(value) : null;
	}

}
