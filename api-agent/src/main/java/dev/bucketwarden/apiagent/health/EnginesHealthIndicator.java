package dev.bucketwarden.apiagent.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import dev.bucketwarden.engine.chain.ChainMember;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.EngineInfo;

/**
 * Asks every engine of the chain (PING and version) and is DOWN while a required one does
 * not answer; part of the readiness group, so the load balancer stops sending scans here
 * instead of getting 503s. Answers are kept for a few seconds: health checks come often.
 */
@Component("engines")
class EnginesHealthIndicator implements HealthIndicator {

	private static final Duration CACHE = Duration.ofSeconds(2);

	private final EngineChain chain;

	private volatile Health last;

	private volatile long lastAt;

	EnginesHealthIndicator(EngineChain chain) {
		this.chain = chain;
	}

	@Override
	public Health health() {
		Health cached = this.last;
		if (cached != null && System.nanoTime() - this.lastAt < CACHE.toNanos()) {
			return cached;
		}
		Health fresh = probe();
		this.last = fresh;
		this.lastAt = System.nanoTime();
		return fresh;
	}

	private Health probe() {
		boolean up = true;
		Map<String, Object> details = new LinkedHashMap<>();
		for (ChainMember member : this.chain.members()) {
			String id = member.engine().id();
			try {
				EngineInfo info = member.engine().probe();
				details.put(id, Map.of("status", "UP", "version", info.describe()));
			}
			catch (EngineException ex) {
				details.put(id, Map.of("status", "DOWN", "required", member.required(), "error", ex.getMessage()));
				up &= !member.required();
			}
		}
		return (up ? Health.up() : Health.down()).withDetails(details).build();
	}

}
