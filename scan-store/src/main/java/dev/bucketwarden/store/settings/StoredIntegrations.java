package dev.bucketwarden.store.settings;

import org.jspecify.annotations.Nullable;

/**
 * Where the console says findings go besides the agents' own sinks: the item
 * {@code pk = INTEGRATION, sk = CURRENT} of the settings table. Blank values are unset.
 *
 * @param snsTopicArn an SNS findings topic, or {@code null}
 * @param eventBus an EventBridge bus, or {@code null}
 * @param webhookUrl an HTTP(S) endpoint taking Slack-compatible JSON, or {@code null}
 */
public record StoredIntegrations(@Nullable String snsTopicArn, @Nullable String eventBus, @Nullable String webhookUrl) {

	public static final StoredIntegrations NONE = new StoredIntegrations(null, null, null);

	public StoredIntegrations {
		snsTopicArn = blankToNull(snsTopicArn);
		eventBus = blankToNull(eventBus);
		webhookUrl = blankToNull(webhookUrl);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
