package dev.bucketwarden.agent.config;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where agents read bucket settings from ({@code bucketwarden.settings}).
 *
 * @param table the console's DynamoDB settings table; unset, the settings come from
 * {@code bucketwarden.buckets.*} only
 * @param refreshInterval how often the table's change version is checked: the bound on
 * how long a change made in the console takes to reach a running agent (1 s to 5 min)
 */
@Validated
@ConfigurationProperties("bucketwarden.settings")
public record SettingsProperties(String table,
		@DurationMin(seconds = 1) @DurationMax(minutes = 5) @DefaultValue("30s") Duration refreshInterval) {
}
