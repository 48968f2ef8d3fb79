package dev.bucketwarden.local.oidc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user who can sign in with one click on the login page, as Cognito's hosted UI would
 * sign in a member of user pool groups.
 *
 * @param username the subject ({@code sub}) and {@code cognito:username}
 * @param groups the {@code cognito:groups} claim
 */
public record OidcUser(String username, List<String> groups) {

	/** A member of {@code admins}: the console's administrators. */
	public static final OidcUser ADMIN = new OidcUser("admin", List.of("admins"));

	/** A member of {@code viewers}: the console's read-only users. */
	public static final OidcUser VIEWER = new OidcUser("viewer", List.of("viewers"));

	public OidcUser {
		Objects.requireNonNull(username, "username");
		groups = List.copyOf(groups);
	}

	/** The claims its tokens carry beside the standard ones. */
	public Map<String, Object> claims() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("cognito:username", this.username);
		claims.put("cognito:groups", this.groups);
		return claims;
	}

}
