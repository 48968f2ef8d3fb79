package dev.bucketwarden.console.integrations;

import java.net.URI;

import dev.bucketwarden.store.settings.StoredIntegrations;

/**
 * Where findings go besides the results table.
 *
 * @param snsTopicArn the SNS findings topic
 * @param eventBus the EventBridge bus ("Object Scan Result" events)
 * @param webhookUrl an HTTP(S) endpoint that takes Slack-compatible JSON ({@code {"text":
 * ...}}); a secret, shown masked ({@link WebhookUrls})
 * @param securityHub whether agents import findings into AWS Security Hub (their own
 * account and region: the deployment's)
 * @param securityHubUnscannable whether Unscannable results become findings too
 * @param securityHubErrors whether Error results become findings too
 */
public record IntegrationSettings(String snsTopicArn, String eventBus, String webhookUrl, Boolean securityHub,
		Boolean securityHubUnscannable, Boolean securityHubErrors) {

	public static final IntegrationSettings NONE = new IntegrationSettings(null, null, null);

	/** Settings without Security Hub. */
	public IntegrationSettings(String snsTopicArn, String eventBus, String webhookUrl) {
		this(snsTopicArn, eventBus, webhookUrl, false, false, false);
	}

	public IntegrationSettings {
		snsTopicArn = blankToNull(snsTopicArn);
		eventBus = blankToNull(eventBus);
		webhookUrl = blankToNull(webhookUrl);
		// Left out of a request (an API client from before Security Hub): off.
		securityHub = Boolean.TRUE.equals(securityHub);
		securityHubUnscannable = Boolean.TRUE.equals(securityHubUnscannable);
		securityHubErrors = Boolean.TRUE.equals(securityHubErrors);
		if (snsTopicArn != null && !snsTopicArn.startsWith("arn:")) {
			throw new IllegalArgumentException("The SNS topic must be an ARN: " + snsTopicArn);
		}
		if (webhookUrl != null) {
			URI uri;
			try {
				uri = URI.create(webhookUrl);
			}
			catch (IllegalArgumentException ex) {
				// Never the URL itself in a message: it is a secret.
				throw new IllegalArgumentException("The webhook URL is not a URL");
			}
			if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
				throw new IllegalArgumentException("The webhook URL must be http(s)://host/...");
			}
		}
	}

	/** As pages and the API show them: the webhook masked. */
	public IntegrationSettings masked() {
		return withWebhook(WebhookUrls.mask(this.webhookUrl));
	}

	/** The same settings with another webhook value. */
	IntegrationSettings withWebhook(String webhook) {
		return new IntegrationSettings(this.snsTopicArn, this.eventBus, webhook, this.securityHub,
				this.securityHubUnscannable, this.securityHubErrors);
	}

	/** The Security Hub toggle as agents read it. */
	StoredIntegrations.SecurityHub securityHubToggle() {
		return new StoredIntegrations.SecurityHub(this.securityHub, this.securityHubUnscannable,
				this.securityHubErrors);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
