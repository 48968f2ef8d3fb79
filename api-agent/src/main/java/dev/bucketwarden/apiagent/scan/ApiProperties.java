package dev.bucketwarden.apiagent.scan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The API's limits ({@code bucketwarden.api}).
 *
 * @param maxSize larger bodies are refused with 413 (before reading, when their length is
 * declared)
 * @param spoolDirectory where uploads wait for their verdict before they are stored
 * (default: temp); every spool file is deleted whatever the outcome
 * @param uploadBuckets the buckets {@code /upload} may write to; none by default
 * @param scope the OAuth2 scope a token needs for the API: {@code scan} with the local
 * OIDC server; Cognito names a resource server's scopes {@code <identifier>/<scope>}, so
 * in AWS it is {@code bucketwarden-api/scan}
 * @param sha256ByDefault whether {@code /scan} and {@code /upload} answer with the
 * content's SHA-256 when the request does not say ({@code sha256=true|false}); off by
 * default, as hashing every body costs more CPU than the rest of the agent's work at 100
 * KiB and most of it at 10 MiB
 * @param retryAfter what a 5xx that may be retried (an engine or S3 that failed or did
 * not answer in time) says in its {@code Retry-After} header, in whole seconds: about how
 * long a restarted engine or a throttled S3 takes to come back
 */
@Validated
@ConfigurationProperties("bucketwarden.api")
public record ApiProperties(@DefaultValue("5GB") DataSize maxSize, Path spoolDirectory,
		@DefaultValue Set<String> uploadBuckets, @DefaultValue("scan") @NotBlank String scope,
		@DefaultValue("false") boolean sha256ByDefault, @DefaultValue("5s") Duration retryAfter) {

	public ApiProperties {
		if (retryAfter.isNegative() || retryAfter.isZero()) {
			throw new IllegalArgumentException("bucketwarden.api.retry-after must be positive, not " + retryAfter);
		}
	}

	/** {@link #retryAfter()} as the header says it: whole seconds, at least 1. */
	public String retryAfterSeconds() {
		return Long.toString(Math.max(1, (this.retryAfter.toMillis() + 999) / 1000));
	}

	public Path spool() {
		return (this.spoolDirectory != null) ? this.spoolDirectory : Path.of(System.getProperty("java.io.tmpdir"));
	}

}
