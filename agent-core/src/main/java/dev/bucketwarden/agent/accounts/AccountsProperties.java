package dev.bucketwarden.agent.accounts;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the agents act in linked accounts ({@code bucketwarden.accounts}).
 *
 * @param sessionDuration how long an assumed role's credentials last (STS allows 15 min
 * up to the role's maximum, 1 h unless raised)
 * @param refreshBefore how long before they expire they are replaced, so no S3 call is
 * made with credentials that expire under it (a multipart copy takes minutes)
 * @param stsEndpoint the STS endpoint, for the local stack; unset, the SDK's regional
 * endpoint
 * @param ownAccount the deployment's own account id: a bucket whose home names it is
 * called with the agent's own credentials, like one with no account; unset, only a bucket
 * without an account is
 */
@Validated
@ConfigurationProperties("bucketwarden.accounts")
public record AccountsProperties(
		@DurationMin(minutes = 15) @DurationMax(hours = 12) @DefaultValue("1h") Duration sessionDuration,
		@DurationMin(seconds = 0) @DefaultValue("5m") Duration refreshBefore, @Nullable URI stsEndpoint,
		@Nullable @Pattern(regexp = "\\d{12}", message = "must be a 12-digit AWS account id") String ownAccount) {

	public AccountsProperties {
		if (refreshBefore.compareTo(sessionDuration) >= 0) {
			throw new IllegalArgumentException(
					"bucketwarden.accounts.refresh-before must be shorter than the session duration");
		}
	}

}
