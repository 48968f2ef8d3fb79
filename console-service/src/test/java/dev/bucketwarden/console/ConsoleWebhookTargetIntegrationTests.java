package dev.bucketwarden.console;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;

import dev.bucketwarden.console.audit.AuditLog;
import dev.bucketwarden.console.config.ConsoleProperties;
import dev.bucketwarden.console.integrations.IntegrationSettings;
import dev.bucketwarden.console.integrations.Integrations;
import dev.bucketwarden.console.integrations.WebhookProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The console refuses a webhook on a loopback, link-local (metadata) or private address
 * when it is saved and when it is tested, unless the admin setting allows it; the
 * settings table (what agents read) keeps what it had. Only IP literals and
 * {@code localhost}: nothing is sent anywhere but to a server on 127.0.0.1, and to that
 * only when allowed.
 */
class ConsoleWebhookTargetIntegrationTests {

	private final ConsoleTestStack stack = ConsoleTestStack.get();

	private final Authentication admin = new TestingAuthenticationToken("admin", "n/a", "ROLE_ADMIN");

	private final List<String> posts = new CopyOnWriteArrayList<>();

	private HttpServer webhook;

	@BeforeEach
	void start() throws IOException {
		this.webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.webhook.createContext("/", (exchange) -> {
			try (exchange) {
				this.posts.add(exchange.getRequestURI().toString());
				exchange.sendResponseHeaders(204, -1);
			}
		});
		this.webhook.start();
	}

	@AfterEach
	void stop() {
		this.webhook.stop(0);
	}

	@Test
	void shouldRefusePrivateWebhookTargetsWhenSavedAndTestedUnlessAllowed() {
		Integrations strict = integrations(false);
		Integrations lenient = integrations(true);
		strict.save(this.admin, new IntegrationSettings(null, null, "https://93.184.215.14/services/T0/B0/public"));
		long version = this.stack.settings.version();

		for (String target : List.of("http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/latest",
				"http://169.254.170.2/v2/credentials", "http://10.0.0.5/hook", "http://172.20.1.1/hook",
				"http://192.168.0.10/hook", "http://[fe80::1]/hook", "http://0.0.0.0/hook",
				"http://localhost:" + port() + "/hook/secret", "http://127.0.0.1:" + port() + "/hook/secret")) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> strict.save(this.admin, new IntegrationSettings(null, null, target)))
				.withMessageContaining("not allowed")
				.withMessageContaining("allow-private-targets")
				.withMessageNotContaining("secret");
		}
		assertThat(this.stack.settings.version()).as("nothing saved").isEqualTo(version);
		assertThat(this.stack.settings.integrations().webhookUrl())
			.isEqualTo("https://93.184.215.14/services/T0/B0/public");

		lenient.save(this.admin, new IntegrationSettings(null, null, "http://127.0.0.1:" + port() + "/hook/secret"));
		Integrations.WebhookTest refused = strict.testWebhook(this.admin);
		assertThat(refused.delivered()).isFalse();
		assertThat(refused.message()).contains("Not sent", "127.0.0.1").doesNotContain("secret");
		assertThat(this.posts).as("nothing was sent").isEmpty();
		assertThat(lenient.testWebhook(this.admin).delivered()).as("allowed by the setting").isTrue();
		assertThat(this.posts).containsExactly("/hook/secret");
	}

	private int port() {
		return this.webhook.getAddress().getPort();
	}

	private Integrations integrations(boolean allowPrivateTargets) {
		ConsoleProperties properties = new ConsoleProperties(ConsoleTestStack.SETTINGS_TABLE, "cognito:groups",
				"admins", "viewers", null, 10_000, null, null, null, Duration.ofSeconds(5), null, null, null, null,
				null);
		return new Integrations(this.stack.settings, new AuditLog(this.stack.settings, Clock.systemUTC()), properties,
				new WebhookProperties(allowPrivateTargets));
	}

}
