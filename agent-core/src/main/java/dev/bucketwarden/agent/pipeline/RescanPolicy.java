package dev.bucketwarden.agent.pipeline;

import java.time.Instant;
import java.util.Objects;

import dev.bucketwarden.store.results.ScanRecord;

/**
 * Whether a version that already has a (non-Error) result is scanned again. Events and
 * API calls never rescan (a redelivery only finishes what was left undone); retro jobs
 * may, for a periodic full rescan or after new signatures.
 */
@FunctionalInterface
public interface RescanPolicy {

	/** Reuse the existing result: a redelivery. */
	RescanPolicy NEVER = (previous) -> false;

	/** Scan again whatever the existing result. */
	RescanPolicy ALWAYS = (previous) -> true;

	/** Whether to scan again the version this record is about. */
	boolean rescan(ScanRecord previous);

	/**
	 * Scan again what was last scanned with signatures published before {@code date}: a
	 * record any of whose engines has an older or unknown signature date.
	 */
	static RescanPolicy signaturesBefore(Instant date) {
		Objects.requireNonNull(date, "date");
		return (previous) -> previous.engines().isEmpty() || previous.engines()
			.stream()
			.anyMatch((engine) -> engine.signatureDate() == null || engine.signatureDate().isBefore(date));
	}

}
