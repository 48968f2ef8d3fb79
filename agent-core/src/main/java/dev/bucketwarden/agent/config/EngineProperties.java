package dev.bucketwarden.agent.config;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Each engine's settings, {@code bucketwarden.engines.<id>.<key>} (for example
 * {@code bucketwarden.engines.clamav.host}); the engine module documents its keys.
 *
 * @param engines settings by engine id
 */
@ConfigurationProperties("bucketwarden")
public record EngineProperties(@DefaultValue Map<String, Map<String, String>> engines) {
}
