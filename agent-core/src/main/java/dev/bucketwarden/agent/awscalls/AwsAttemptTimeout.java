package dev.bucketwarden.agent.awscalls;

import java.time.Duration;
import java.util.Optional;

import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Bounds every attempt of an SDK client's calls ({@code apiCallAttemptTimeout}), so that
 * a hung S3, DynamoDB or SQS response fails the attempt and the SDK retries it, instead
 * of holding a scan until the HTTP client's socket timeout. The bound covers an attempt
 * until the response is in: for a streaming GetObject, until the stream is handed over;
 * reading the body is bounded by the socket timeout.
 * <p>
 * A long poll waits by design: a request with a {@code WaitTimeSeconds} (SQS
 * ReceiveMessage) gets its wait on top of the bound, unless it sets its own.
 */
public final class AwsAttemptTimeout implements ExecutionInterceptor {

	private static final String WAIT_TIME_SECONDS = "WaitTimeSeconds";

	private final Duration timeout;

	/**
	 * @param timeout the longest an attempt may take; positive
	 */
	public AwsAttemptTimeout(Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("An attempt timeout must be positive: " + timeout);
		}
		this.timeout = timeout;
	}

	/**
	 * Sets the bound on a client's builder, keeping the interceptors and settings the
	 * builder already has.
	 * @param builder a client's builder, before {@code build()}
	 */
	public void addTo(SdkClientBuilder<?, ?> builder) {
		ClientOverrides.change(builder,
				(override) -> override.apiCallAttemptTimeout(this.timeout).addExecutionInterceptor(this));
	}

	@Override
	public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes executionAttributes) {
		SdkRequest request = context.request();
		Optional<Integer> wait = request.getValueForField(WAIT_TIME_SECONDS, Integer.class);
		if (wait.isEmpty() || wait.get() <= 0 || !(request instanceof AwsRequest aws)) {
			return request;
		}
		Optional<AwsRequestOverrideConfiguration> own = aws.overrideConfiguration();
		if (own.flatMap((override) -> override.apiCallAttemptTimeout()).isPresent()) {
			return request;
		}
		AwsRequestOverrideConfiguration.Builder override = own.map(AwsRequestOverrideConfiguration::toBuilder)
			.orElseGet(AwsRequestOverrideConfiguration::builder);
		return aws.toBuilder()
			.overrideConfiguration(override.apiCallAttemptTimeout(this.timeout.plusSeconds(wait.get())).build())
			.build();
	}

}
