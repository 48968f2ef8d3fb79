package dev.bucketwarden.store.settings;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which webhook addresses {@link WebhookTargets#refusal} lets through. Only IP literals
 * and {@code localhost}: nothing here resolves a name on the network or sends a request.
 */
class WebhookTargetsTests {

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1/h", "http://127.8.9.10/h", "http://localhost/h", "http://[::1]/h",
			"http://169.254.169.254/latest/meta-data/", "http://169.254.170.2/v2/credentials", "http://[fe80::1]/h",
			"http://10.1.2.3/h", "http://172.16.0.1/h", "http://172.31.255.255/h", "http://192.168.1.1/h",
			"http://[fc00::1]/h", "http://[fd00:ec2::254]/h", "http://0.0.0.0/h", "http://[::]/h",
			"http://[::ffff:127.0.0.1]/h", "http://[::ffff:169.254.169.254]/h", "http://100.64.0.1/h",
			"http://224.0.0.1/h", "http://255.255.255.255/h" })
	void shouldRefuseLoopbackLinkLocalAndPrivateTargets(String url) {
		assertThat(WebhookTargets.refusal(URI.create(url), false)).contains("not allowed");
		assertThat(WebhookTargets.refusal(URI.create(url), true)).as("allowed by the setting").isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://93.184.215.14/services/T000/B000/XXXX", "http://172.32.0.1/h",
			"http://172.15.255.255/h", "http://11.0.0.1/h", "http://100.128.0.1/h", "https://[2001:db8::1]/h" })
	void shouldAcceptPublicAddresses(String url) {
		assertThat(WebhookTargets.refusal(URI.create(url), false)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://93.184.215.14/h", "file:///etc/passwd", "http:/no-host" })
	void shouldRefuseWhatIsNotAnHttpUrlWithAHost(String url) {
		assertThat(WebhookTargets.refusal(URI.create(url), true)).contains("not an http(s) URL");
	}

}
