package dev.bucketwarden.agent.findings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.store.drift.TagDrift;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.settings.WebhookTargets;

/**
 * POSTs each finding to a webhook as Slack-compatible JSON ({@code text} with a one-line
 * summary, then the fields of {@link FindingMessages#finding}). Clean results are left
 * out unless asked for: a chat channel wants what needs attention, and every other sink
 * still gets them. A non-2xx answer, a timeout or an I/O failure is a
 * {@link StorageException}, so the scan is retried as for the other sinks.
 *
 * <p>
 * Whoever sets the webhook chooses where the agent, inside the VPC with its task role,
 * sends HTTP: unless allowed, a target that is or resolves to a loopback, link-local (the
 * instance and task metadata addresses among them), private, unique-local, wildcard or
 * multicast address is refused, checked again at each post because DNS answers change.
 * The console applies the same {@link WebhookTargets#refusal} when the webhook is saved.
 */
public class WebhookFindingPublisher implements FindingPublisher {

	private final HttpClient http;

	private final URI url;

	private final Duration timeout;

	private final boolean cleanResults;

	private final boolean allowPrivateTargets;

	/**
	 * @param url the webhook
	 * @param timeout connect and read timeout
	 * @param cleanResults whether Clean results are posted too
	 * @param allowPrivateTargets whether the webhook may be on a loopback, link-local or
	 * private address (the local stack's and tests' webhooks on 127.0.0.1)
	 */
	public WebhookFindingPublisher(URI url, Duration timeout, boolean cleanResults, boolean allowPrivateTargets) {
		this.url = url;
		this.timeout = timeout;
		this.cleanResults = cleanResults;
		this.allowPrivateTargets = allowPrivateTargets;
		// Never follow redirects: findings go to the address configured, no further.
		this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	public URI url() {
		return this.url;
	}

	@Override
	public void publish(ScanRecord record) {
		if (record.status() == ResultStatus.CLEAN && !this.cleanResults) {
			return;
		}
		post(FindingMessages.webhook(record));
	}

	/** Always posted: a drift always needs attention. */
	@Override
	public void publish(TagDrift drift) {
		post(FindingMessages.webhook(drift));
	}

	private void post(String body) {
		String refusal = WebhookTargets.refusal(this.url, this.allowPrivateTargets);
		if (refusal != null) {
			throw new StorageException("The webhook " + redacted() + " is refused: " + refusal, null);
		}
		HttpRequest request = HttpRequest.newBuilder(this.url)
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.header("User-Agent", "BucketWarden")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<Void> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException ex) {
			throw new StorageException("Posting the finding to the webhook " + redacted() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StorageException("Interrupted posting the finding to the webhook " + redacted(), ex);
		}
		if (response.statusCode() < 200 || response.statusCode() > 299) {
			throw new StorageException(
					"The webhook " + redacted() + " answered HTTP " + response.statusCode() + " to a finding", null);
		}
	}

	/**
	 * Webhook paths are often secrets (Slack's are): logs and errors name the host only.
	 */
	private String redacted() {
		return this.url.getScheme() + "://" + this.url.getAuthority() + "/...";
	}

}
