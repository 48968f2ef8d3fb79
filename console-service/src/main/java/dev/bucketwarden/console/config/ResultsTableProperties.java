package dev.bucketwarden.console.config;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The results table the console reads findings from: the same setting the agents write
 * with ({@code bucketwarden.results}), so one environment variable names it for every
 * service.
 *
 * @param table the DynamoDB table of scan results
 */
@Validated
@ConfigurationProperties("bucketwarden.results")
record ResultsTableProperties(@NotBlank @DefaultValue("bucketwarden-results") String table) {
}
