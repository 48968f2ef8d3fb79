package dev.bucketwarden.retro.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The retro agent's settings for a running local stack, from its
 * {@code stack.properties}.
 */
final class StackSettings {

	/** Setting to the stack property it comes from. */
	private static final Map<String, String> SETTINGS = Map.ofEntries(
			Map.entry("spring.cloud.aws.region.static", "aws.region"),
			Map.entry("spring.cloud.aws.credentials.access-key", "aws.access-key-id"),
			Map.entry("spring.cloud.aws.credentials.secret-key", "aws.secret-access-key"),
			Map.entry("spring.cloud.aws.s3.endpoint", "s3.endpoint"),
			Map.entry("spring.cloud.aws.sqs.endpoint", "sqs.endpoint"),
			Map.entry("spring.cloud.aws.dynamodb.endpoint", "dynamodb.endpoint"),
			Map.entry("bucketwarden.engines.clamav.host", "clamd.host"),
			Map.entry("bucketwarden.engines.clamav.port", "clamd.port"),
			Map.entry("bucketwarden.retro.queue", "sqs.retro-queue-url"),
			Map.entry("bucketwarden.retro.jobs-table", "dynamodb.jobs-table"),
			Map.entry("bucketwarden.results.table", "dynamodb.results-table"),
			Map.entry("bucketwarden.findings.queue-url", "sqs.findings-queue-url"),
			Map.entry("bucketwarden.large-objects.queue-url", "sqs.large-object-queue-url"),
			Map.entry("bucketwarden.buckets.defaults.quarantine-bucket", "buckets.quarantine"));

	private StackSettings() {
	}

	static List<String> of(Properties stack) {
		List<String> settings = new ArrayList<>();
		SETTINGS.forEach((setting, property) -> {
			String value = stack.getProperty(property);
			if (value != null) {
				settings.add("--" + setting + "=" + value);
			}
		});
		settings.add("--spring.cloud.aws.s3.path-style-access-enabled=true");
		if (stack.getProperty("buckets.quarantine") != null) {
			settings.add("--bucketwarden.buckets.defaults.remediation=QUARANTINE");
		}
		return settings;
	}

}
