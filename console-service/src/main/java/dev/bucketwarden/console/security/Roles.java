package dev.bucketwarden.console.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.bucketwarden.console.config.ConsoleProperties;

/**
 * The console's two roles, from the groups claim of the user's token: {@code ROLE_ADMIN}
 * for the admin group, {@code ROLE_VIEWER} for the viewer group (admins are viewers too,
 * through the role hierarchy). Anyone else is signed in but may see nothing.
 */
public final class Roles {

	public static final String ADMIN = "ADMIN";

	public static final String VIEWER = "VIEWER";

	private final ConsoleProperties properties;

	public Roles(ConsoleProperties properties) {
		this.properties = properties;
	}

	/** The roles of a user with these claims. */
	public List<GrantedAuthority> of(java.util.Map<String, Object> claims) {
		List<GrantedAuthority> roles = new ArrayList<>();
		Object groups = claims.get(this.properties.groupsClaim());
		Collection<?> names = (groups instanceof Collection<?> list) ? list
				: (groups instanceof String single) ? List.of(single.split("[ ,]+")) : List.of();
		if (names.contains(this.properties.adminGroup())) {
			roles.add(new SimpleGrantedAuthority("ROLE_" + ADMIN));
		}
		if (names.contains(this.properties.viewerGroup())) {
			roles.add(new SimpleGrantedAuthority("ROLE_" + VIEWER));
		}
		return roles;
	}

}
