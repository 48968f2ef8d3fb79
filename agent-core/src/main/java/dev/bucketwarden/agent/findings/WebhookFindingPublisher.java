package dev.bucketwarden.agent.findings;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.bucketwarden.agent.drift.TagDrift;
import dev.bucketwarden.agent.results.ResultStatus;
import dev.bucketwarden.agent.results.ScanRecord;
import dev.bucketwarden.agent.storage.StorageException;

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
 * The console applies the same {@link #refusal} when the webhook is saved.
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
		String refusal = refusal(this.url, this.allowPrivateTargets);
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
	 * Why a webhook may not be posted to, or {@code null} if it may: it must be http(s)
	 * with a host, and unless private targets are allowed, every address its host
	 * resolves to must be public. A name that does not resolve is refused too: it cannot
	 * be checked.
	 * @param url the webhook
	 * @param allowPrivateTargets whether loopback, link-local and private addresses are
	 * allowed
	 * @return the reason, naming the host and address but never the path
	 */
	public static String refusal(URI url, boolean allowPrivateTargets) {
		if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null) {
			return "not an http(s) URL with a host";
		}
		if (allowPrivateTargets) {
			return null;
		}
		String host = url.getHost();
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host);
		}
		catch (UnknownHostException ex) {
			return host + " does not resolve";
		}
		for (InetAddress address : addresses) {
			if (isPrivate(address)) {
				return host + " is " + address.getHostAddress()
						+ ", a loopback, link-local or private address (not allowed for webhooks)";
			}
		}
		return null;
	}

	/**
	 * Loopback (127/8, ::1), link-local (169.254/16 with the metadata addresses,
	 * fe80::/10), private (10/8, 172.16/12, 192.168/16), unique-local (fc00::/7), the
	 * wildcard (0.0.0.0/8, ::), carrier-grade NAT (100.64/10), multicast and 240/4. IPv4
	 * in an IPv6 address (::ffff:a.b.c.d) is judged as the IPv4 address: Java hands those
	 * over as IPv4 already.
	 */
	static boolean isPrivate(InetAddress address) {
		if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet6Address) {
			return (bytes[0] & 0xfe) == 0xfc;
		}
		int first = bytes[0] & 0xff;
		int second = bytes[1] & 0xff;
		return first == 0 || (first == 100 && (second & 0xc0) == 64) || first >= 240;
	}

	/**
	 * Webhook paths are often secrets (Slack's are): logs and errors name the host only.
	 */
	private String redacted() {
		return this.url.getScheme() + "://" + this.url.getAuthority() + "/...";
	}

}
