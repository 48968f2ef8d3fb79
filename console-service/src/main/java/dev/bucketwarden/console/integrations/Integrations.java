package dev.bucketwarden.console.integrations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import dev.bucketwarden.console.audit.AuditLog;
import dev.bucketwarden.console.config.ConsoleProperties;
import dev.bucketwarden.console.security.CurrentUser;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;
import dev.bucketwarden.store.settings.StoredIntegrations;
import dev.bucketwarden.store.settings.WebhookTargets;

/**
 * The integration settings (one item of the settings table, {@code pk = INTEGRATION},
 * mapped by agent-core's {@link DynamoDbSettingsTable}, which agents read it through) and
 * the webhook test.
 */
@Service
public class Integrations {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DynamoDbSettingsTable table;

	private final AuditLog audit;

	private final Duration timeout;

	private final HttpClient http;

	private final boolean allowPrivateTargets;

	public Integrations(DynamoDbSettingsTable table, AuditLog audit, ConsoleProperties properties,
			WebhookProperties webhooks) {
		this.table = table;
		this.audit = audit;
		this.timeout = properties.webhookTimeout();
		this.allowPrivateTargets = webhooks.allowPrivateTargets();
		// Never follow redirects: the test goes to the address the admin typed, no
		// further.
		this.http = HttpClient.newBuilder()
			.connectTimeout(this.timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** The settings as saved, the webhook's secret included: not for showing. */
	public IntegrationSettings current() {
		StoredIntegrations stored = this.table.integrations();
		return new IntegrationSettings(stored.snsTopicArn(), stored.eventBus(), stored.webhookUrl(),
				stored.securityHub().enabled(), stored.securityHub().unscannable(), stored.securityHub().errors());
	}

	/** The settings as anyone may see them: the webhook masked. */
	public IntegrationSettings shown() {
		return current().masked();
	}

	/**
	 * Saves the integrations and bumps the settings version, so running agents publish to
	 * them within their refresh interval. The masked webhook, as {@link #shown} gave it,
	 * keeps the saved one; a new one must be an address agents may post to.
	 * @return what was saved, as shown
	 */
	public IntegrationSettings save(Authentication user, IntegrationSettings submitted) {
		String saved = current().webhookUrl();
		IntegrationSettings settings = WebhookUrls.isMaskOf(submitted.webhookUrl(), saved)
				? submitted.withWebhook(saved) : submitted;
		if (settings.webhookUrl() != null && !settings.webhookUrl().equals(saved)) {
			refuseForbiddenTarget(settings.webhookUrl());
		}
		this.table.putIntegrations(new StoredIntegrations(settings.snsTopicArn(), settings.eventBus(),
				settings.webhookUrl(), settings.securityHubToggle()));
		Map<String, String> details = new LinkedHashMap<>();
		details.put("snsTopicArn", orEmpty(settings.snsTopicArn()));
		details.put("eventBus", orEmpty(settings.eventBus()));
		details.put("webhookUrl", orEmpty(WebhookUrls.mask(settings.webhookUrl())));
		details.put("securityHub", Boolean.toString(settings.securityHub()));
		details.put("securityHubUnscannable", Boolean.toString(settings.securityHubUnscannable()));
		details.put("securityHubErrors", Boolean.toString(settings.securityHubErrors()));
		details.put("webhookChanged", Boolean.toString(!Objects.equals(saved, settings.webhookUrl())));
		this.audit.record(user, "integrations.update", "integrations", details);
		return settings.masked();
	}

	/** Posts a test message to the saved webhook and says how it answered. */
	public WebhookTest testWebhook(Authentication user) {
		String url = current().webhookUrl();
		if (url == null) {
			return new WebhookTest(false, 0, "No webhook URL is saved.");
		}
		String refusal = WebhookTargets.refusal(URI.create(url), this.allowPrivateTargets);
		if (refusal != null) {
			return recorded(user, url, new WebhookTest(false, 0, "Not sent: " + refusal + "."));
		}
		String body = JSON.writeValueAsString(Map.of("text",
				"BucketWarden test message from " + CurrentUser.name(user) + ": findings will arrive here."));
		WebhookTest result;
		try {
			HttpResponse<Void> response = this.http.send(HttpRequest.newBuilder(URI.create(url))
				.timeout(this.timeout)
				.header("Content-Type", "application/json")
				.header("User-Agent", "BucketWarden-Console")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.discarding());
			boolean ok = response.statusCode() >= 200 && response.statusCode() < 300;
			result = new WebhookTest(ok, response.statusCode(), ok ? "Delivered (HTTP " + response.statusCode() + ")."
					: "The webhook answered HTTP " + response.statusCode() + ".");
		}
		catch (java.io.IOException ex) {
			// The exception's message may carry the URL: its type only.
			result = new WebhookTest(false, 0, "Could not deliver: " + ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			result = new WebhookTest(false, 0, "Interrupted");
		}
		return recorded(user, url, result);
	}

	private WebhookTest recorded(Authentication user, String url, WebhookTest result) {
		this.audit.record(user, "integrations.webhook-test", WebhookUrls.mask(url),
				Map.of("delivered", Boolean.toString(result.delivered()), "status", Integer.toString(result.status())));
		return result;
	}

	/** As agents check it when they post (DNS may change; they check again). */
	private void refuseForbiddenTarget(String url) {
		String refusal = WebhookTargets.refusal(URI.create(url), this.allowPrivateTargets);
		if (refusal != null) {
			throw new IllegalArgumentException("The webhook is refused: " + refusal
					+ ". Only an admin setting (bucketwarden.console.webhooks.allow-private-targets) allows it.");
		}
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

	/**
	 * How a webhook test went.
	 *
	 * @param delivered whether the webhook answered 2xx
	 * @param status its HTTP status, 0 if none
	 * @param message what to tell the user
	 */
	public record WebhookTest(boolean delivered, int status, String message) {
	}

}
