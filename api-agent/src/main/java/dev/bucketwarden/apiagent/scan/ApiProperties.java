package dev.bucketwarden.apiagent.scan;

import java.nio.file.Path;
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
 */
@Validated
@ConfigurationProperties("bucketwarden.api")
public record ApiProperties(@DefaultValue("5GB") DataSize maxSize, Path spoolDirectory,
		@DefaultValue Set<String> uploadBuckets, @DefaultValue("scan") @NotBlank String scope,
		@DefaultValue("false") boolean sha256ByDefault) {

	public Path spool() {
		return (this.spoolDirectory != null) ? this.spoolDirectory : Path.of(System.getProperty("java.io.tmpdir"));
	}

}
