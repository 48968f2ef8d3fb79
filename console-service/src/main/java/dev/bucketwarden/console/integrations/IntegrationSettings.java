package dev.bucketwarden.console.integrations;

import java.net.URI;

/**
 * Where findings go besides the results table.
 *
 * @param snsTopicArn the SNS findings topic
 * @param eventBus the EventBridge bus ("Object Scan Result" events)
 * @param webhookUrl an HTTP(S) endpoint that takes Slack-compatible JSON ({@code {"text":
 * ...}}); a secret, shown masked ({@link WebhookUrls})
 */
public record IntegrationSettings(String snsTopicArn, String eventBus, String webhookUrl) {

	public static final IntegrationSettings NONE = new IntegrationSettings(null, null, null);

	public IntegrationSettings {
		snsTopicArn = blankToNull(snsTopicArn);
		eventBus = blankToNull(eventBus);
		webhookUrl = blankToNull(webhookUrl);
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
		return new IntegrationSettings(this.snsTopicArn, this.eventBus, WebhookUrls.mask(this.webhookUrl));
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
