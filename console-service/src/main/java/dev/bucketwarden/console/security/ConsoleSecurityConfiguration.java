package dev.bucketwarden.console.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import dev.bucketwarden.console.config.ConsoleProperties;

/**
 * Who may do what. People sign in with the OIDC authorization code flow (Cognito's user
 * pool in AWS, the local OIDC server locally: the same code, only the issuer differs) and
 * hold a session whose roles are re-checked at the IdP every few minutes and whose life
 * is bounded ({@link SessionRecheck}); the REST API takes access tokens of the same
 * issuer and of the configured app clients instead, for automation
 * ({@link ApiTokenValidator}). In both, admins may change (any method but GET), viewers
 * only read. Pages have CSRF protection (session-bound tokens in every form); the API is
 * stateless and cookie-less, so it needs none. Signing out ends the IdP session too.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccessProperties.class)
public class ConsoleSecurityConfiguration {

	/**
	 * What anyone may fetch. Not the OpenAPI document and Swagger UI: they describe every
	 * way in, so they are for signed-in viewers.
	 */
	private static final String[] OPEN = { "/actuator/health", "/actuator/health/**", "/signed-out", "/css/**",
			"/js/**", "/favicon.ico", "/error" };

	@Bean
	Roles roles(ConsoleProperties properties) {
		return new Roles(properties);
	}

	@Bean
	RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.fromHierarchy("ROLE_" + Roles.ADMIN + " > ROLE_" + Roles.VIEWER);
	}

	/** Added by Boot to the API's JWT decoder: only access tokens of our app clients. */
	@Bean
	OAuth2TokenValidator<Jwt> apiTokens(AccessProperties access) {
		return new ApiTokenValidator(access.apiClientIds());
	}

	/**
	 * The sign-in's tokens live in the user's session (not in memory by user name), so
	 * that each session re-checks its own roles with its own refresh token.
	 */
	@Bean
	OAuth2AuthorizedClientRepository authorizedClients() {
		return new HttpSessionOAuth2AuthorizedClientRepository();
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, Roles roles) throws Exception {
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter((jwt) -> new ArrayList<>(roles.of(jwt.getClaims())));
		converter.setPrincipalClaimName("sub");
		http.securityMatcher("/api/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/api/**")
				.hasRole(Roles.VIEWER)
				.anyRequest()
				.hasRole(Roles.ADMIN))
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> jwt.jwtAuthenticationConverter(converter)))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pages(HttpSecurity http, Roles roles, ClientRegistrationRepository clients,
			OAuth2AuthorizedClientRepository authorizedClients, ConsoleProperties properties, AccessProperties access,
			Clock clock) throws Exception {
		SessionRecheck recheck = new SessionRecheck(clock, access, roles, authorizedClients,
				new RestClientRefreshTokenTokenResponseClient(), new HttpSessionSecurityContextRepository());
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(OPEN)
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/**")
			.hasRole(Roles.VIEWER)
			.anyRequest()
			.hasRole(Roles.ADMIN))
			.oauth2Login((login) -> login.authorizedClientRepository(authorizedClients)
				.userInfoEndpoint((userInfo) -> userInfo.userAuthoritiesMapper(mapper(roles))))
			.addFilterBefore(recheck, AnonymousAuthenticationFilter.class)
			.logout((logout) -> logout.logoutSuccessHandler(logoutSuccess(clients, properties, access)))
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives(
						"default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'"))
				.frameOptions((frames) -> frames.deny()));
		return http.build();
	}

	/** Roles from the ID token's groups claim. */
	private static GrantedAuthoritiesMapper mapper(Roles roles) {
		return (Collection<? extends GrantedAuthority> authorities) -> {
			List<GrantedAuthority> mapped = new ArrayList<>();
			for (GrantedAuthority authority : authorities) {
				if (authority instanceof OidcUserAuthority oidc) {
					mapped.add(oidc);
					mapped.addAll(roles.of(oidc.getIdToken().getClaims()));
				}
			}
			return mapped;
		};
	}

	/**
	 * Ends the IdP session after ours: through the provider's end_session_endpoint (the
	 * local OIDC server), or the configured logout URL (Cognito, whose discovery has
	 * none). Both come back to the signed-out page.
	 */
	private static LogoutSuccessHandler logoutSuccess(ClientRegistrationRepository clients,
			ConsoleProperties properties, AccessProperties access) {
		if (properties.logoutUrl() != null) {
			return new CognitoLogout(properties.logoutUrl(), access.clientId());
		}
		OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(clients);
		handler.setPostLogoutRedirectUri("{baseUrl}/signed-out");
		handler.setDefaultTargetUrl("/signed-out");
		return handler;
	}

}
