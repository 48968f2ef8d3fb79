package dev.bucketwarden.apiagent.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import dev.bucketwarden.local.time.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A token the decoder accepted is accepted again without it, never at or after its
 * {@code exp} nor after the cache's lifetime, and the cache stays within its bound.
 */
class AcceptedTokenCacheTests {

	private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	private final TestClock clock = TestClock.at(T0);

	private final IssuerDecoder issuer = new IssuerDecoder(this.clock);

	@Test
	void shouldCheckARepeatedTokenOnlyOnce() {
		JwtDecoder decoder = cache(Duration.ofMinutes(5), 10);
		this.issuer.issue("a", T0.plusSeconds(3600));

		Jwt first = decoder.decode("a");
		Jwt second = decoder.decode("a");

		assertThat(second).isSameAs(first);
		assertThat(this.issuer.checks).isEqualTo(1);
	}

	@Test
	void shouldNeverAcceptARememberedTokenAtOrAfterItsExpiry() {
		JwtDecoder decoder = cache(Duration.ofHours(2), 10);
		this.issuer.issue("a", T0.plusSeconds(60));
		decoder.decode("a");

		this.clock.set(T0.plusSeconds(59));
		decoder.decode("a");
		this.clock.set(T0.plusSeconds(60));

		assertThat(this.issuer.checks).isEqualTo(1);
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder.decode("a"));
		assertThat(this.issuer.checks).as("at its exp the token goes to the issuer's decoder again").isEqualTo(2);
	}

	@Test
	void shouldCheckATokenAgainAfterTheCacheLifetime() {
		JwtDecoder decoder = cache(Duration.ofMinutes(5), 10);
		this.issuer.issue("a", T0.plusSeconds(3600));
		decoder.decode("a");

		this.clock.set(T0.plus(Duration.ofMinutes(5)));
		decoder.decode("a");
		decoder.decode("a");

		assertThat(this.issuer.checks).isEqualTo(2);
	}

	@Test
	void shouldNotRememberRefusedTokens() {
		JwtDecoder decoder = cache(Duration.ofMinutes(5), 10);

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));

		assertThat(this.issuer.checks).isEqualTo(2);
	}

	@Test
	void shouldNotRememberTokensWithoutExpiryOrNotYetValid() {
		JwtDecoder decoder = cache(Duration.ofMinutes(5), 10);
		this.issuer.issue("forever", null);
		this.issuer.issue("later", T0.plusSeconds(3600), T0.plusSeconds(30));

		decoder.decode("forever");
		decoder.decode("forever");
		decoder.decode("later");
		decoder.decode("later");

		assertThat(this.issuer.checks).isEqualTo(4);
	}

	@Test
	void shouldStayWithinItsBoundAndMakeRoomFromLapsedTokens() {
		AcceptedTokenCache decoder = cache(Duration.ofMinutes(5), 2);
		this.issuer.issue("a", T0.plusSeconds(60));
		this.issuer.issue("b", T0.plusSeconds(3600));
		this.issuer.issue("c", T0.plusSeconds(3600));
		decoder.decode("a");
		decoder.decode("b");

		decoder.decode("c");
		decoder.decode("c");
		assertThat(decoder.size()).isEqualTo(2);
		assertThat(this.issuer.checks).as("c was checked each time: no room").isEqualTo(4);

		this.clock.set(T0.plusSeconds(60));
		decoder.decode("c");
		decoder.decode("c");
		assertThat(decoder.size()).isEqualTo(2);
		assertThat(this.issuer.checks).as("a lapsed and made room for c").isEqualTo(5);
	}

	@Test
	void shouldBeLeftOutWhenTurnedOff() {
		TokenProperties off = new TokenProperties(Set.of(), Set.of(), Duration.ZERO, 1000);
		TokenProperties none = new TokenProperties(Set.of(), Set.of(), Duration.ofMinutes(5), 0);

		assertThat(AcceptedTokenCache.of(this.issuer, off, this.clock)).isSameAs(this.issuer);
		assertThat(AcceptedTokenCache.of(this.issuer, none, this.clock)).isSameAs(this.issuer);
	}

	private AcceptedTokenCache cache(Duration ttl, int size) {
		return new AcceptedTokenCache(this.issuer, ttl, size, this.clock);
	}

	/**
	 * Stands in for the issuer's decoder: knows the tokens it issued and refuses one at
	 * or after its {@code exp}, as a decoder without clock skew would.
	 */
	private static final class IssuerDecoder implements JwtDecoder {

		private final Clock clock;

		private final Map<String, Jwt> issued = new HashMap<>();

		private int checks;

		IssuerDecoder(Clock clock) {
			this.clock = clock;
		}

		void issue(String token, Instant expires) {
			issue(token, expires, null);
		}

		void issue(String token, Instant expires, Instant notBefore) {
			Jwt.Builder jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject("app").issuedAt(T0);
			if (expires != null) {
				jwt.expiresAt(expires);
			}
			if (notBefore != null) {
				jwt.notBefore(notBefore);
			}
			this.issued.put(token, jwt.build());
		}

		@Override
		public Jwt decode(String token) {
			this.checks++;
			Jwt jwt = this.issued.get(token);
			if (jwt == null) {
				throw new BadJwtException("not issued here");
			}
			if (jwt.getExpiresAt() != null && !this.clock.instant().isBefore(jwt.getExpiresAt())) {
				throw new JwtValidationException("expired", List.of(new OAuth2Error("invalid_token")));
			}
			return jwt;
		}

	}

}
