package dev.bucketwarden.agent.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Engine health ({@code bucketwarden.health}).
 *
 * @param signatureMaxAge signatures older than this make a required engine DOWN: a
 * scanner with week-old signatures calls new malware clean
 * @param cache how long one round of probes is reused (health checks come often)
 */
@Validated
@ConfigurationProperties("bucketwarden.health")
public record HealthProperties(@DefaultValue("24h") Duration signatureMaxAge, @DefaultValue("2s") Duration cache) {

	public HealthProperties {
		if (signatureMaxAge.isNegative() || signatureMaxAge.isZero()) {
			throw new IllegalArgumentException("bucketwarden.health.signature-max-age must be positive");
		}
		if (cache.isNegative()) {
			throw new IllegalArgumentException("bucketwarden.health.cache must not be negative");
		}
	}

}
