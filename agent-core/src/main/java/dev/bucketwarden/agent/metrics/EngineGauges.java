package dev.bucketwarden.agent.metrics;

import java.util.Optional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.bucketwarden.agent.health.EngineHealth;
import dev.bucketwarden.engine.chain.ChainMember;
import dev.bucketwarden.engine.chain.EngineChain;

/**
 * Each engine's readiness ({@value #READY}: 1 when it answers with fresh signatures, else
 * 0) and signature age ({@value #SIGNATURE_AGE}, in seconds; none for an engine whose
 * signatures are not dated), read from the engine health the readiness probe uses, whose
 * probes are cached ({@code bucketwarden.health.cache}), so a scrape or an export step
 * costs at most one round of probes.
 */
public final class EngineGauges implements MeterBinder {

	public static final String READY = "bucketwarden.engine.ready";

	public static final String SIGNATURE_AGE = "bucketwarden.engine.signature.age";

	private final EngineChain chain;

	private final EngineHealth health;

	public EngineGauges(EngineChain chain, EngineHealth health) {
		this.chain = chain;
		this.health = health;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ChainMember member : this.chain.members()) {
			String id = member.engine().id();
			Gauge.builder(READY, this.health, (health) -> ready(health, id))
				.description("1 when the engine answers and its signatures are fresh, else 0")
				.tag("engine", id)
				.register(registry);
			Gauge.builder(SIGNATURE_AGE, this.health, (health) -> signatureAgeSeconds(health, id))
				.description("Age of the engine's signatures")
				.baseUnit("seconds")
				.tag("engine", id)
				.register(registry);
		}
	}

	private static double ready(EngineHealth health, String id) {
		return engine(health, id).map((engine) -> (engine.status() == EngineHealth.Status.UP) ? 1.0 : 0.0).orElse(0.0);
	}

	/** Not a number when the engine does not date its signatures or did not answer. */
	private static double signatureAgeSeconds(EngineHealth health, String id) {
		return engine(health, id).filter((engine) -> engine.signatureAge() != null)
			.map((engine) -> (double) engine.signatureAge().toSeconds())
			.orElse(Double.NaN);
	}

	private static Optional<EngineHealth.Engine> engine(EngineHealth health, String id) {
		return health.check().engines().stream().filter((engine) -> engine.id().equals(id)).findFirst();
	}

}
