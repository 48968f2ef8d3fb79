package dev.bucketwarden.console.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who gets in and for how long ({@code bucketwarden.console}, beside
 * {@link dev.bucketwarden.console.config.ConsoleProperties}).
 *
 * @param clientId the console's own app client (also the OIDC sign-in's client id)
 * @param apiClientIds the app clients whose access tokens the API accepts; unset, the
 * console's own client only
 * @param rolesRecheck how often a signed-in session asks the IdP for the user's groups
 * again (a refresh-token grant), so that a user removed from a group loses its role
 * within this interval
 * @param sessionLifetime how long a sign-in lasts at most, active or not; then the user
 * signs in again
 */
@Validated
@ConfigurationProperties("bucketwarden.console")
public record AccessProperties(@NotBlank @DefaultValue("bucketwarden-console") String clientId,
		List<String> apiClientIds,
		@DurationMin(seconds = 10) @DurationMax(minutes = 15) @DefaultValue("5m") Duration rolesRecheck,
		@DurationMin(minutes = 1) @DurationMax(hours = 12) @DefaultValue("1h") Duration sessionLifetime) {

	public AccessProperties {
		apiClientIds = (apiClientIds == null || apiClientIds.isEmpty()) ? List.of(clientId) : List.copyOf(apiClientIds);
	}

}
