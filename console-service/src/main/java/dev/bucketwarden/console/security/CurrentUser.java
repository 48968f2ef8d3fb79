package dev.bucketwarden.console.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Who is acting, as the audit log names them. */
public final class CurrentUser {

	private CurrentUser() {
	}

	/**
	 * The user's name: Cognito's {@code cognito:username}, else the preferred username,
	 * else the subject.
	 */
	public static String name(Authentication authentication) {
		if (authentication == null) {
			return "anonymous";
		}
		if (authentication.getPrincipal() instanceof OidcUser user) {
			Object cognito = user.getClaims().get("cognito:username");
			if (cognito != null) {
				return cognito.toString();
			}
			return (user.getPreferredUsername() != null) ? user.getPreferredUsername() : user.getSubject();
		}
		if (authentication instanceof JwtAuthenticationToken token) {
			Jwt jwt = token.getToken();
			Object cognito = jwt.getClaims().get("cognito:username");
			if (cognito == null) {
				cognito = jwt.getClaims().get("username");
			}
			return (cognito != null) ? cognito.toString() : jwt.getSubject();
		}
		return authentication.getName();
	}

	public static boolean isAdmin(Authentication authentication) {
		return authentication != null && authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> ("ROLE_" + Roles.ADMIN).equals(authority.getAuthority()));
	}

}
