package dev.bucketwarden.console.accounts;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The console's STS endpoint ({@code bucketwarden.console.sts-endpoint}), for the local
 * stack; unset, the SDK's regional endpoint. A record of its own beside
 * {@code ConsoleProperties}, which binds the same prefix.
 *
 * @param stsEndpoint the STS endpoint
 */
@ConfigurationProperties("bucketwarden.console")
public record ConsoleStsProperties(@Nullable URI stsEndpoint) {
}
