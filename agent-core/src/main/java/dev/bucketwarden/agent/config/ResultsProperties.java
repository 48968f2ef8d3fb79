package dev.bucketwarden.agent.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where scan records are kept ({@code bucketwarden.results}); the console reads the same
 * setting, so one environment variable names the table for every service.
 *
 * @param table the DynamoDB table of scan records (the console region's: agents of every
 * region record there)
 * @param region the region each record says scanned it; unset, the agent's AWS region
 * ({@code spring.cloud.aws.region.static})
 */
@Validated
@ConfigurationProperties("bucketwarden.results")
public record ResultsProperties(@NotBlank @DefaultValue("bucketwarden-results") String table,
		@Nullable @Pattern(regexp = "[a-z]{2}(-[a-z]+)+-\\d",
				message = "must be an AWS region such as us-west-2") String region) {
}
