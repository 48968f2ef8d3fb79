package dev.bucketwarden.console.globals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import dev.bucketwarden.console.config.ConsoleProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SSM import against a local HTTP server answering as SSM does (AWS JSON 1.1, as in
 * SSM's API reference; there is no SSM emulator in the local stack): SecureStrings are
 * neither decrypted nor shown, and without a path SSM is never called.
 */
class GlobalSettingsTests {

	private HttpServer ssm;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	@BeforeEach
	void start() throws IOException {
		this.ssm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.ssm.createContext("/", (exchange) -> {
			this.requests.add(exchange.getRequestHeaders().getFirst("X-Amz-Target") + " "
					+ new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			byte[] body = ("{\"Parameters\":[{\"Name\":\"/bucketwarden/results-table\",\"Type\":\"String\","
					+ "\"Value\":\"bucketwarden-results\",\"Version\":1},{\"Name\":\"/bucketwarden/api-secret\","
					+ "\"Type\":\"SecureString\",\"Value\":\"AQICAHhciphertext\",\"Version\":1}]}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.ssm.start();
	}

	@AfterEach
	void stop() {
		this.ssm.stop(0);
	}

	@Test
	void shouldImportParametersUnderThePathWithoutDecrypting() {
		GlobalSettings settings = settings("/bucketwarden/");

		GlobalSettings.Imported imported = settings.current();

		assertThat(imported.problem()).isNull();
		assertThat(imported.values()).containsEntry("/bucketwarden/results-table", "bucketwarden-results")
			.containsEntry("/bucketwarden/api-secret", "(SecureString, not shown)");
		assertThat(this.requests).singleElement()
			.asString()
			.startsWith("AmazonSSM.GetParametersByPath")
			.contains("\"Path\":\"/bucketwarden/\"")
			.contains("\"WithDecryption\":false");
		settings.current();
		assertThat(this.requests).as("read at most once a minute").hasSize(1);
	}

	@Test
	void shouldNeverCallSsmWithoutAPath() {
		GlobalSettings.Imported imported = settings(null).current();
		assertThat(imported.path()).isNull();
		assertThat(imported.problem()).startsWith("Not configured");
		assertThat(this.requests).isEmpty();
	}

	private GlobalSettings settings(String path) {
		ConsoleProperties properties = new ConsoleProperties("bucketwarden-settings", "cognito:groups", "admins",
				"viewers", null, 10000, null, null, path, Duration.ofSeconds(5),
				URI.create("http://127.0.0.1:" + this.ssm.getAddress().getPort()), null, null, null, null);
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("credentials", StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
		beans.addBean("region", (AwsRegionProvider) () -> Region.US_EAST_1);
		ObjectProvider<AwsCredentialsProvider> credentials = beans.getBeanProvider(AwsCredentialsProvider.class);
		ObjectProvider<AwsRegionProvider> region = beans.getBeanProvider(AwsRegionProvider.class);
		return new GlobalSettings(properties, credentials, region, Clock.systemUTC());
	}

}
