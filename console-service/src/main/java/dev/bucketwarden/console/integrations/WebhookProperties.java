package dev.bucketwarden.console.integrations;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The webhook's rules ({@code bucketwarden.console.webhooks}).
 *
 * @param allowPrivateTargets whether a webhook may be on a loopback, link-local
 * (metadata) or private address; off, such a webhook is refused when saved and when
 * tested, as agents refuse it when they post
 * ({@code bucketwarden.findings.webhook-allow-private-targets})
 */
@ConfigurationProperties("bucketwarden.console.webhooks")
public record WebhookProperties(@DefaultValue("false") boolean allowPrivateTargets) {
}
