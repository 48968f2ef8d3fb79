package dev.bucketwarden.apiagent.security;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import dev.bucketwarden.apiagent.scan.ApiProperties;

/**
 * A resource server: JWTs from the Cognito user pool (in AWS) or the local OIDC server,
 * validated against the issuer's keys
 * (spring.security.oauth2.resourceserver.jwt.issuer-uri), and then by
 * {@link AccessTokenValidator} (access tokens of our app clients only); a token that
 * passed is remembered for a while ({@link AcceptedTokenCache}). The API needs the
 * {@code scan} scope (client-credentials tokens of apps; its name is
 * {@code bucketwarden.api.scope}): no token or a bad one is 401, a token without the
 * scope 403, a client over its rate 429. Health and the API description are open, for the
 * load balancer and for developers. Stateless: no session, so no CSRF token either.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

	@Bean
	SecurityFilterChain api(HttpSecurity http, ApiProperties properties, RateLimitProperties rateLimit,
			TokenProperties tokens, JwtDecoder issuerDecoder) throws Exception {
		JwtDecoder decoder = AcceptedTokenCache.of(issuerDecoder, tokens, Clock.systemUTC());
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
					"/swagger-ui.html", "/swagger-ui/**")
			.permitAll()
			.requestMatchers("/api/**")
			.hasAuthority("SCOPE_" + properties.scope())
			.anyRequest()
			.denyAll())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> jwt.decoder(decoder)))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		if (rateLimit.enabled()) {
			http.addFilterAfter(new RateLimitFilter(new ClientRateLimiter(rateLimit, System::nanoTime)),
					AuthorizationFilter.class);
		}
		return http.build();
	}

	/**
	 * No Micrometer observation of the filter chain, the authentication and the
	 * authorization: they were exported nowhere, and their per-filter events and meters
	 * took about a tenth of the agent's CPU per 100 KiB scan.
	 */
	@Bean
	SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Spring Security's strict firewall with its own rules for header names and values,
	 * checked by loops rather than regular expressions ({@link HeaderText}).
	 */
	@Bean
	HttpFirewall firewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(HeaderText::isAllowedName);
		firewall.setAllowedHeaderValues(HeaderText::isAllowedValue);
		return firewall;
	}

	/** Added by Spring Boot to the validators of the issuer's decoder. */
	@Bean
	OAuth2TokenValidator<Jwt> accessTokenValidator(TokenProperties properties) {
		return new AccessTokenValidator(properties);
	}

}
