package dev.bucketwarden.agent.config;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where scan records are kept ({@code bucketwarden.results}); the console reads the same
 * setting, so one environment variable names the table for every service.
 *
 * @param table the DynamoDB table of scan records
 */
@Validated
@ConfigurationProperties("bucketwarden.results")
public record ResultsProperties(@NotBlank @DefaultValue("bucketwarden-results") String table) {
}
