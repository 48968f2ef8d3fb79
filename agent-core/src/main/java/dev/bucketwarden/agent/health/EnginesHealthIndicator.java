package dev.bucketwarden.agent.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code engines} health of every agent: DOWN while a required engine does not answer
 * or its signatures are older than {@code bucketwarden.health.signature-max-age}. Agents
 * put it in their readiness group, so that the load balancer stops sending scans (API
 * agent) and operators see it (event agent); the details name each engine's signature
 * version and age.
 */
public final class EnginesHealthIndicator implements HealthIndicator {

	private final EngineHealth health;

	public EnginesHealthIndicator(EngineHealth health) {
		this.health = health;
	}

	@Override
	public Health health() {
		EngineHealth.Report report = this.health.check();
		Map<String, Object> details = new LinkedHashMap<>();
		for (EngineHealth.Engine engine : report.engines()) {
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("status", engine.status().name());
			detail.put("required", engine.required());
			if (engine.info() != null) {
				detail.put("version", engine.info().describe());
				if (engine.info().signatureDate() != null) {
					detail.put("signatureDate", engine.info().signatureDate().toString());
					detail.put("signatureAge", engine.signatureAge().toString());
				}
			}
			if (engine.error() != null) {
				detail.put("error", engine.error());
			}
			details.put(engine.id(), detail);
		}
		details.put("signatureMaxAge", report.signatureMaxAge().toString());
		return (report.up() ? Health.up() : Health.down()).withDetails(details).build();
	}

}
