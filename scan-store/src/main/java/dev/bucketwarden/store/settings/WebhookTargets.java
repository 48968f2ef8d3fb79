package dev.bucketwarden.store.settings;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

/**
 * Which webhook addresses findings may be posted to: the one check the console applies
 * when a webhook is saved and the agents apply before every post (a name may resolve
 * elsewhere by then). A webhook aimed at the agent's own network (the instance metadata
 * service, an internal admin port) would otherwise turn findings into a request forgery.
 */
public final class WebhookTargets {

	private WebhookTargets() {
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
	public static @Nullable String refusal(URI url, boolean allowPrivateTargets) {
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
	public static boolean isPrivate(InetAddress address) {
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

}
