package dev.bucketwarden.agent.metrics;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.bucketwarden.agent.pipeline.ScanObserver;
import dev.bucketwarden.store.settings.Remediation;

/**
 * Counts remediations ({@value #REMEDIATIONS}) by what the bucket asks for
 * ({@code quarantine}, {@code delete}, {@code keep}) and how it ended ({@code done},
 * {@code superseded}, or {@code failed}, which is tried again).
 */
public final class RemediationMeters implements ScanObserver {

	public static final String REMEDIATIONS = "bucketwarden.remediations";

	private final MeterRegistry registry;

	public RemediationMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void remediation(Remediation action, RemediationOutcome outcome) {
		Counter.builder(REMEDIATIONS)
			.description("Remediations by action and outcome")
			.tag("action", action.name().toLowerCase(Locale.ROOT))
			.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
			.register(this.registry)
			.increment();
	}

}
