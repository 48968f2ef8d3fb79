package dev.bucketwarden.agent.config;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the agents' AWS clients call AWS ({@code bucketwarden.aws}).
 *
 * @param attemptTimeout the longest one attempt of an AWS call may take before the SDK
 * abandons it and retries; unset, the SDK's default (no bound: the HTTP client's socket
 * timeout, 30 s of silence with the Apache client, ends a hung response). Unset by
 * default because one bound applies to every call of every client, and some legitimate
 * attempts are long: a CopyObject of up to 5 GB, which S3 answers when the copy is done,
 * or the API agent's PutObject of a large upload. SQS long polls get their wait on top of
 * it.
 */
@Validated
@ConfigurationProperties("bucketwarden.aws")
public record AwsCallsProperties(@Nullable Duration attemptTimeout) {

	public AwsCallsProperties {
		if (attemptTimeout != null && (attemptTimeout.isNegative() || attemptTimeout.isZero())) {
			throw new IllegalArgumentException("bucketwarden.aws.attempt-timeout must be positive: " + attemptTimeout);
		}
	}

}
