package dev.bucketwarden.console.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a signed-in session's roles current and its life bounded. The first request of a
 * session after sign-in stamps it; past {@code sessionLifetime} the session ends and the
 * user signs in again. Every {@code rolesRecheck} the console redeems the sign-in's
 * refresh token at the IdP's token endpoint and takes the roles from the new ID token:
 * Cognito puts the user's current groups in it, so an admin removed from the admin group
 * is a viewer (or nobody) from the next check on. A refresh token the IdP no longer
 * honours (user disabled, signed out everywhere), an unreachable IdP, or an ID token of
 * someone else ends the session: fail closed. Why the refresh token and not a lookup of
 * the groups: it needs no AWS rights, works with any OIDC provider (the local one
 * included), and stops a disabled user too.
 */
final class SessionRecheck extends OncePerRequestFilter {

	static final String SIGNED_IN_AT = SessionRecheck.class.getName() + ".SIGNED_IN_AT";

	static final String CHECKED_AT = SessionRecheck.class.getName() + ".CHECKED_AT";

	private static final Logger logger = LoggerFactory.getLogger(SessionRecheck.class);

	private final Clock clock;

	private final Duration recheck;

	private final Duration lifetime;

	private final Roles roles;

	private final OAuth2AuthorizedClientRepository clients;

	private final OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> tokens;

	private final SecurityContextRepository contexts;

	private final OidcIdTokenDecoderFactory idTokens = new OidcIdTokenDecoderFactory();

	SessionRecheck(Clock clock, AccessProperties access, Roles roles, OAuth2AuthorizedClientRepository clients,
			OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> tokens,
			SecurityContextRepository contexts) {
		this.clock = clock;
		this.recheck = access.rolesRecheck();
		this.lifetime = access.sessionLifetime();
		this.roles = roles;
		this.clients = clients;
		this.tokens = tokens;
		this.contexts = contexts;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken signedIn
				&& signedIn.getPrincipal() instanceof OidcUser user) {
			check(request, response, signedIn, user);
		}
		chain.doFilter(request, response);
	}

	private void check(HttpServletRequest request, HttpServletResponse response, OAuth2AuthenticationToken signedIn,
			OidcUser user) {
		HttpSession session = request.getSession();
		Instant now = this.clock.instant();
		Instant signedInAt = (Instant) session.getAttribute(SIGNED_IN_AT);
		if (signedInAt == null) {
			session.setAttribute(SIGNED_IN_AT, now);
			session.setAttribute(CHECKED_AT, now);
			return;
		}
		if (!now.isBefore(signedInAt.plus(this.lifetime))) {
			end(request, user, "its lifetime of " + this.lifetime + " is over");
			return;
		}
		Instant checkedAt = (Instant) session.getAttribute(CHECKED_AT);
		if (checkedAt != null && now.isBefore(checkedAt.plus(this.recheck))) {
			return;
		}
		OAuth2AuthenticationToken refreshed;
		try {
			refreshed = refresh(request, response, signedIn, user);
		}
		catch (RuntimeException ex) {
			end(request, user, "the IdP did not confirm the user (" + ex.getMessage() + ")");
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(refreshed);
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
		session.setAttribute(CHECKED_AT, now);
		logger.debug("Roles of {} re-checked: {}", user.getSubject(), refreshed.getAuthorities());
	}

	/** The user as the IdP sees them now, from a refresh-token grant. */
	private OAuth2AuthenticationToken refresh(HttpServletRequest request, HttpServletResponse response,
			OAuth2AuthenticationToken signedIn, OidcUser user) {
		OAuth2AuthorizedClient client = this.clients.loadAuthorizedClient(signedIn.getAuthorizedClientRegistrationId(),
				signedIn, request);
		if (client == null || client.getRefreshToken() == null) {
			throw new IllegalStateException("no refresh token");
		}
		ClientRegistration registration = client.getClientRegistration();
		OAuth2AccessTokenResponse answer = this.tokens.getTokenResponse(
				new OAuth2RefreshTokenGrantRequest(registration, client.getAccessToken(), client.getRefreshToken()));
		Object value = answer.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
		if (!(value instanceof String idTokenValue)) {
			throw new IllegalStateException("no ID token in the refresh answer");
		}
		// Signature, issuer, audience and expiry, as at sign-in.
		Jwt jwt = this.idTokens.createDecoder(registration).decode(idTokenValue);
		OidcIdToken idToken = new OidcIdToken(jwt.getTokenValue(), jwt.getIssuedAt(), jwt.getExpiresAt(),
				jwt.getClaims());
		if (!user.getSubject().equals(idToken.getSubject())) {
			throw new IllegalStateException("the new ID token names another subject");
		}
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new OidcUserAuthority(idToken, user.getUserInfo()));
		authorities.addAll(this.roles.of(idToken.getClaims()));
		String nameAttribute = registration.getProviderDetails().getUserInfoEndpoint().getUserNameAttributeName();
		DefaultOidcUser principal = new DefaultOidcUser(authorities, idToken, user.getUserInfo(),
				StringUtils.hasText(nameAttribute) ? nameAttribute : "sub");
		OAuth2AuthenticationToken refreshed = new OAuth2AuthenticationToken(principal, authorities,
				registration.getRegistrationId());
		OAuth2RefreshToken refreshToken = (answer.getRefreshToken() != null) ? answer.getRefreshToken()
				: client.getRefreshToken();
		this.clients.saveAuthorizedClient(
				new OAuth2AuthorizedClient(registration, refreshed.getName(), answer.getAccessToken(), refreshToken),
				refreshed, request, response);
		return refreshed;
	}

	/**
	 * Signs the user out: the request goes on as anonymous, and pages send it to sign in.
	 */
	private void end(HttpServletRequest request, OidcUser user, String why) {
		logger.info("Session of {} ended: {}", user.getSubject(), why);
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
	}

}
