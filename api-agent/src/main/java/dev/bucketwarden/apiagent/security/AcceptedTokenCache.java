package dev.bucketwarden.apiagent.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the tokens the issuer's decoder accepted, so that an app sending the same
 * token with every request pays for its signature and claims checks once, not per request
 * (parsing, RSA verification and the validators were a tenth of the agent's CPU per 100
 * KiB scan). The key is the whole token string, compared exactly: only the very bytes
 * that passed are let through again.
 * <p>
 * A remembered token is accepted until the earlier of its {@code exp} and {@code ttl}
 * after it was checked, never at or after its {@code exp} (without the clock skew the
 * decoder allows); after that it goes through the decoder again. Tokens without
 * {@code exp}, not yet valid, or refused are not remembered. The map is bounded: when it
 * is full, lapsed entries are dropped and, if it is still full, a new token is checked
 * but not remembered (requests racing past the check can add one each beyond the bound).
 * A key the issuer withdraws from its key set keeps its remembered tokens valid for at
 * most {@code ttl} more (the decoder itself caches the key set for five minutes too).
 */
final class AcceptedTokenCache implements JwtDecoder {

	private final JwtDecoder decoder;

	private final Duration ttl;

	private final int maxTokens;

	private final Clock clock;

	private final ConcurrentMap<String, Accepted> accepted = new ConcurrentHashMap<>();

	AcceptedTokenCache(JwtDecoder decoder, Duration ttl, int maxTokens, Clock clock) {
		this.decoder = decoder;
		this.ttl = ttl;
		this.maxTokens = maxTokens;
		this.clock = clock;
	}

	/**
	 * The issuer's decoder, remembering what it accepted when the settings ask for it.
	 */
	static JwtDecoder of(JwtDecoder decoder, TokenProperties properties, Clock clock) {
		boolean off = properties.cacheTtl().isZero() || properties.cacheSize() == 0;
		return off ? decoder : new AcceptedTokenCache(decoder, properties.cacheTtl(), properties.cacheSize(), clock);
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Instant now = this.clock.instant();
		Accepted remembered = this.accepted.get(token);
		if (remembered != null) {
			if (now.isBefore(remembered.until())) {
				return remembered.jwt();
			}
			this.accepted.remove(token, remembered);
		}
		Jwt jwt = this.decoder.decode(token);
		remember(token, jwt, now);
		return jwt;
	}

	int size() {
		return this.accepted.size();
	}

	private void remember(String token, Jwt jwt, Instant now) {
		Instant expires = jwt.getExpiresAt();
		Instant notBefore = jwt.getNotBefore();
		if (expires == null || !now.isBefore(expires) || (notBefore != null && now.isBefore(notBefore))) {
			return;
		}
		if (this.accepted.size() >= this.maxTokens) {
			this.accepted.values().removeIf((entry) -> !now.isBefore(entry.until()));
			if (this.accepted.size() >= this.maxTokens) {
				return;
			}
		}
		Instant until = now.plus(this.ttl);
		this.accepted.put(token, new Accepted(jwt, until.isBefore(expires) ? until : expires));
	}

	/**
	 * @param jwt what the decoder made of the token
	 * @param until accepted before this instant only
	 */
	private record Accepted(Jwt jwt, Instant until) {
	}

}
