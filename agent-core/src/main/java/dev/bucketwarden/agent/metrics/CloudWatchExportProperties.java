package dev.bucketwarden.agent.metrics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The export of the agents' meters to CloudWatch
 * ({@code bucketwarden.metrics.cloudwatch}). Off by default, and in the local stack:
 * infra/aws turns it on. The client is built like the agents' other AWS clients
 * ({@code spring.cloud.aws.region}, credentials, {@code spring.cloud.aws.endpoint}, or
 * {@code spring.cloud.aws.cloudwatch.endpoint} for this client alone).
 *
 * @param enabled whether the meters are sent to CloudWatch
 * @param namespace the CloudWatch namespace the metrics are written in; the dashboard and
 * alarms infra/aws deploys read {@code BucketWarden}
 * @param step how often the meters are sent, and the period each value covers (a minute
 * is CloudWatch's standard resolution; shorter costs more)
 */
@Validated
@ConfigurationProperties("bucketwarden.metrics.cloudwatch")
public record CloudWatchExportProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue("BucketWarden") String namespace, @DefaultValue("PT1M") Duration step) {

	public CloudWatchExportProperties {
		if (namespace == null || namespace.isBlank() || namespace.length() > 255 || namespace.startsWith("AWS/")) {
			throw new IllegalArgumentException(
					"bucketwarden.metrics.cloudwatch.namespace must be 1 to 255 characters and not start with AWS/");
		}
		if (step == null || step.isNegative() || step.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("bucketwarden.metrics.cloudwatch.step must be at least a second");
		}
	}

}
