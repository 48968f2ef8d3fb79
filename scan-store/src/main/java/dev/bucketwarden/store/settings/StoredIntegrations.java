package dev.bucketwarden.store.settings;

import org.jspecify.annotations.Nullable;

/**
 * Where the console says findings go besides the agents' own sinks: the item
 * {@code pk = INTEGRATION, sk = CURRENT} of the settings table. Blank values are unset.
 *
 * @param snsTopicArn an SNS findings topic, or {@code null}
 * @param eventBus an EventBridge bus, or {@code null}
 * @param webhookUrl an HTTP(S) endpoint taking Slack-compatible JSON, or {@code null}
 * @param securityHub whether and which results the agents import into AWS Security Hub
 * (their own region and account: the deployment's, not a setting)
 */
public record StoredIntegrations(@Nullable String snsTopicArn, @Nullable String eventBus, @Nullable String webhookUrl,
		SecurityHub securityHub) {

	public static final StoredIntegrations NONE = new StoredIntegrations(null, null, null, SecurityHub.OFF);

	public StoredIntegrations {
		snsTopicArn = blankToNull(snsTopicArn);
		eventBus = blankToNull(eventBus);
		webhookUrl = blankToNull(webhookUrl);
		securityHub = (securityHub != null) ? securityHub : SecurityHub.OFF;
	}

	/** Integrations without Security Hub. */
	public StoredIntegrations(@Nullable String snsTopicArn, @Nullable String eventBus, @Nullable String webhookUrl) {
		this(snsTopicArn, eventBus, webhookUrl, SecurityHub.OFF);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/**
	 * The Security Hub toggle. Infected results always become findings when it is on;
	 * Unscannable and Error results only when asked for (they say an object is
	 * unverified, not that it is malicious, and an engine outage would flood the hub).
	 *
	 * @param enabled whether findings are imported at all
	 * @param unscannable whether Unscannable results are imported too
	 * @param errors whether Error results are imported too
	 */
	public record SecurityHub(boolean enabled, boolean unscannable, boolean errors) {

		public static final SecurityHub OFF = new SecurityHub(false, false, false);

	}

}
