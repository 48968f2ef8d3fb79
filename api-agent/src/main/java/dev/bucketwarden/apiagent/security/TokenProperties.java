package dev.bucketwarden.apiagent.security;

import java.time.Duration;
import java.util.Set;

import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which access tokens of the issuer the API accepts ({@code bucketwarden.api.tokens}),
 * beyond a valid signature, issuer, lifetime and the scan scope.
 *
 * @param clientIds the app clients whose tokens are accepted (their {@code client_id}
 * claim); empty accepts any client the issuer granted the scan scope. Cognito access
 * tokens carry no {@code aud}: the client id is what names the caller.
 * @param audiences what a token's {@code aud} must name when it has one; a token that
 * names only other audiences (an ID token names its client) is refused. Empty: a token
 * with any {@code aud} is refused, as Cognito access tokens have none.
 * @param cacheTtl how long an accepted token is accepted again without checking its
 * signature and claims, never past its {@code exp} (see {@link AcceptedTokenCache}); zero
 * checks every request's token
 * @param cacheSize how many accepted tokens are remembered at most; zero remembers none
 */
@Validated
@ConfigurationProperties("bucketwarden.api.tokens")
public record TokenProperties(@DefaultValue Set<String> clientIds, @DefaultValue Set<String> audiences,
		@DefaultValue("5m") Duration cacheTtl, @DefaultValue("1000") @PositiveOrZero int cacheSize) {

	public TokenProperties {
		clientIds = Set.copyOf(clientIds);
		audiences = Set.copyOf(audiences);
		if (cacheTtl.isNegative()) {
			throw new IllegalArgumentException("bucketwarden.api.tokens.cache-ttl must not be negative");
		}
	}

}
