package dev.bucketwarden.jobs;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Which objects a job scans again when they already have a result record for their
 * version and ETag.
 *
 * @param mode the rule
 * @param signaturesBefore for {@link Mode#SIGNATURES_BEFORE}: rescan when the last scan
 * used signatures published before this instant (or of unknown date)
 */
public record Rescan(Mode mode, @Nullable Instant signaturesBefore) {

	public static final Rescan IF_UNSCANNED = new Rescan(Mode.IF_UNSCANNED, null);

	public static final Rescan ALWAYS = new Rescan(Mode.ALWAYS, null);

	public Rescan {
		Objects.requireNonNull(mode, "mode");
		if ((mode == Mode.SIGNATURES_BEFORE) != (signaturesBefore != null)) {
			throw new IllegalArgumentException("signaturesBefore goes with SIGNATURES_BEFORE, and only with it");
		}
	}

	public static Rescan signaturesBefore(Instant date) {
		return new Rescan(Mode.SIGNATURES_BEFORE, date);
	}

	public enum Mode {

		/**
		 * Reuse an existing record (not an Error one): a retro scan of unscanned objects.
		 */
		IF_UNSCANNED,
		/** Scan every object again (a periodic full rescan). */
		ALWAYS,
		/** Scan again what was last scanned with older signatures. */
		SIGNATURES_BEFORE

	}

}
