package dev.bucketwarden.agent.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.bucketwarden.engine.chain.ChainMember;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.EngineInfo;

/**
 * Whether the chain's engines can give verdicts worth trusting: each answers its probe,
 * and signatures are no older than the limit. An engine that reports no signature date
 * (the premium engine has no signature feed) is not judged on age. Only required engines
 * make the whole DOWN; optional ones are reported. Thread-safe; probes are cached
 * briefly.
 */
public final class EngineHealth {

	private final EngineChain chain;

	private final Duration maxAge;

	private final Duration cache;

	private final Clock clock;

	private volatile Report last;

	private volatile long lastAt;

	public EngineHealth(EngineChain chain, Duration maxAge, Duration cache, Clock clock) {
		this.chain = chain;
		this.maxAge = maxAge;
		this.cache = cache;
		this.clock = clock;
	}

	public Report check() {
		Report cached = this.last;
		if (cached != null && System.nanoTime() - this.lastAt < this.cache.toNanos()) {
			return cached;
		}
		Report fresh = probe();
		this.last = fresh;
		this.lastAt = System.nanoTime();
		return fresh;
	}

	private Report probe() {
		Instant now = this.clock.instant();
		List<Engine> engines = new ArrayList<>();
		for (ChainMember member : this.chain.members()) {
			String id = member.engine().id();
			try {
				EngineInfo info = member.engine().probe();
				Duration age = (info.signatureDate() != null) ? Duration.between(info.signatureDate(), now) : null;
				Status status = (age != null && age.compareTo(this.maxAge) > 0) ? Status.STALE : Status.UP;
				engines.add(new Engine(id, member.required(), status, info, age, null));
			}
			catch (EngineException ex) {
				engines.add(new Engine(id, member.required(), Status.UNREACHABLE, null, null, ex.getMessage()));
			}
		}
		boolean up = engines.stream().noneMatch((engine) -> engine.required() && engine.status() != Status.UP);
		return new Report(up, this.maxAge, engines);
	}

	/** An engine's state. */
	public enum Status {

		/** It answers, and its signatures (if dated) are fresh. */
		UP,
		/** It answers, but its signatures are older than the limit. */
		STALE,
		/** It does not answer. */
		UNREACHABLE

	}

	/**
	 * One engine's health.
	 *
	 * @param id the engine id
	 * @param required whether it is required in the chain
	 * @param status its state
	 * @param info its version and signatures, when it answered
	 * @param signatureAge how old its signatures are, when it reports their date
	 * @param error why it is unreachable
	 */
	public record Engine(String id, boolean required, Status status, EngineInfo info, Duration signatureAge,
			String error) {
	}

	/**
	 * The chain's health.
	 *
	 * @param up whether every required engine is {@link Status#UP}
	 * @param signatureMaxAge the limit applied
	 * @param engines each engine's health, in chain order
	 */
	public record Report(boolean up, Duration signatureMaxAge, List<Engine> engines) {

		public Report {
			engines = List.copyOf(engines);
		}

	}

}
