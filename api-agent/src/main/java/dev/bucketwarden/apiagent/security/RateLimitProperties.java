package dev.bucketwarden.apiagent.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Per-client rate limit of the API ({@code bucketwarden.api.rate-limit}): a token bucket
 * per token subject, in this task's memory (each task of the service limits on its own;
 * the load balancer's WAF rule limits by source address in front of them all).
 *
 * @param requestsPerSecond the sustained rate a client may call at; 0 turns the limit off
 * @param burst how many calls a client may make at once after being idle (the bucket's
 * size); at least 1
 * @param maxClients how many clients' buckets are kept; the least recently seen is
 * dropped first (a dropped client starts again with a full bucket)
 */
@Validated
@ConfigurationProperties("bucketwarden.api.rate-limit")
public record RateLimitProperties(@DefaultValue("0") @PositiveOrZero double requestsPerSecond,
		@DefaultValue("20") @Min(1) int burst, @DefaultValue("10000") @Min(1) int maxClients) {

	boolean enabled() {
		return this.requestsPerSecond > 0;
	}

}
