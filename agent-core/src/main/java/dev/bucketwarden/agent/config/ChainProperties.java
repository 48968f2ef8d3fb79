package dev.bucketwarden.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.bucketwarden.engine.chain.ChainPolicy;

/**
 * The engine chain ({@code bucketwarden.chain}).
 *
 * @param engines required engines, in order
 * @param optionalEngines engines whose errors do not decide the verdict, after the
 * required ones
 * @param policy stop at the first infected verdict or run all engines
 * @param engineTimeout how long one engine may take for one object
 * @param spoolDirectory where content is spooled when several engines read it (default:
 * temp)
 */
@Validated
@ConfigurationProperties("bucketwarden.chain")
public record ChainProperties(@NotEmpty @DefaultValue("clamav") List<String> engines,
		@DefaultValue List<String> optionalEngines, @DefaultValue("STOP_AT_FIRST_INFECTED") ChainPolicy policy,
		@DefaultValue("10m") Duration engineTimeout, Path spoolDirectory) {
}
