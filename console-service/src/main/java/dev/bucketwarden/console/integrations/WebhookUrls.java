package dev.bucketwarden.console.integrations;

import java.net.URI;

/**
 * A webhook URL is a secret: whoever has Slack's
 * {@code https://hooks.slack.com/services/...} can post to the channel. Pages, the API,
 * the audit log and logs show only its scheme and host
 * ({@code https://hooks.slack.com/***}); the full URL stays in the settings table for the
 * agents.
 */
public final class WebhookUrls {

	private static final String HIDDEN = "/***";

	private WebhookUrls() {
	}

	/** The scheme, host and port: never the user info, path or query. */
	public static String mask(String url) {
		if (url == null || url.isBlank()) {
			return null;
		}
		try {
			URI uri = URI.create(url);
			if (uri.getScheme() == null || uri.getHost() == null) {
				return "***";
			}
			return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "")
					+ HIDDEN;
		}
		catch (IllegalArgumentException ex) {
			return "***";
		}
	}

	/**
	 * Whether a submitted value is the masked form of the saved URL: keep the saved one.
	 */
	static boolean isMaskOf(String submitted, String saved) {
		return submitted != null && saved != null && submitted.endsWith(HIDDEN) && submitted.equals(mask(saved));
	}

}
