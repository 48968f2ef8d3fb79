package dev.bucketwarden.console.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One change or scan trigger: who did what to what, when.
 *
 * @param at when
 * @param actor the user's name
 * @param action what was done, such as {@code bucket.protect}
 * @param target what it was done to, such as a bucket name
 * @param details the new values, by name
 */
public record AuditEvent(Instant at, String actor, String action, String target, Map<String, String> details) {

	public AuditEvent {
		Objects.requireNonNull(at, "at");
		Objects.requireNonNull(actor, "actor");
		Objects.requireNonNull(action, "action");
		// Kept in the order given: the audit page shows them as recorded.
		details = (details != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(details)) : Map.of();
	}

}
