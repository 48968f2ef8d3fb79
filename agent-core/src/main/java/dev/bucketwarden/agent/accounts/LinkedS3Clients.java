package dev.bucketwarden.agent.accounts;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.sts.StsClient;

import dev.bucketwarden.store.accounts.LinkedAccount;

/**
 * Makes a linked account's S3 client: the agent's own client's region, endpoint and
 * override configuration (attempt timeouts, request counting), with the link's assumed
 * role as credentials.
 */
public final class LinkedS3Clients implements Function<LinkedAccount, S3Client> {

	private final S3Client own;

	private final boolean pathStyle;

	private final StsClient sts;

	private final String sessionName;

	private final Duration sessionDuration;

	private final Duration refreshBefore;

	private final Clock clock;

	/**
	 * @param pathStyle whether the agent's own client addresses buckets path-style (the
	 * local stack): S3's client configuration does not say
	 * @param sessionName the AssumeRole session name ({@code bucketwarden-<agent>})
	 */
	public LinkedS3Clients(S3Client own, boolean pathStyle, StsClient sts, String sessionName, Duration sessionDuration,
			Duration refreshBefore, Clock clock) {
		this.own = own;
		this.pathStyle = pathStyle;
		this.sts = sts;
		this.sessionName = sessionName;
		this.sessionDuration = sessionDuration;
		this.refreshBefore = refreshBefore;
		this.clock = clock;
	}

	@Override
	public S3Client apply(LinkedAccount link) {
		return builder(link).build();
	}

	/** The builder of the link's client, for tests that add an interceptor. */
	public S3ClientBuilder builder(LinkedAccount link) {
		S3ServiceClientConfiguration config = this.own.serviceClientConfiguration();
		S3ClientBuilder builder = S3Client.builder()
			.region(config.region())
			.forcePathStyle(this.pathStyle)
			.overrideConfiguration(ownOverrides(config))
			.credentialsProvider(new AssumedRoleCredentials(this.sts,
					AssumeRoleRequests.of(link, this.sessionName, this.sessionDuration), this.refreshBefore,
					this.clock));
		config.endpointOverride().ifPresent(builder::endpointOverride);
		return builder;
	}

	/**
	 * The own client's overrides with only the interceptors it was given (request
	 * counting, attempt timeouts): the SDK's own (endpoint resolution, checksums) are in
	 * the resolved configuration too, and a new client adds them again, so copying them
	 * would run them twice (the bucket would be put into the path twice).
	 */
	private static ClientOverrideConfiguration ownOverrides(S3ServiceClientConfiguration config) {
		ClientOverrideConfiguration overrides = config.overrideConfiguration();
		List<ExecutionInterceptor> given = overrides.executionInterceptors()
			.stream()
			.filter((interceptor) -> !interceptor.getClass().getName().startsWith("software.amazon.awssdk."))
			.toList();
		return overrides.toBuilder().executionInterceptors(given).build();
	}

}
