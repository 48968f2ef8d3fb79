package dev.bucketwarden.agent.findings;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The webhook publisher against a real HTTP server on 127.0.0.1: what it posts, and that
 * a refusal is broken infrastructure.
 */
class WebhookFindingPublisherIntegrationTests {

	private final BlockingQueue<String> posts = new LinkedBlockingQueue<>();

	private final AtomicInteger status = new AtomicInteger(200);

	private HttpServer server;

	private URI url;

	@BeforeEach
	void startServer() throws IOException {
		this.server = WebhookServer.start(this.posts, this.status);
		this.url = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/hooks/secret");
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void shouldPostAnInfectedFindingAsSlackCompatibleJson() throws Exception {
		new WebhookFindingPublisher(this.url, Duration.ofSeconds(5), false, true)
			.publish(record(ResultStatus.INFECTED, List.of("Eicar-Signature")));

		JsonNode json = JsonMapper.builder()
			.build()
			.readTree(this.posts.poll(5, java.util.concurrent.TimeUnit.SECONDS));
		assertThat(json.get("text").asString())
			.isEqualTo("BucketWarden: Infected s3://uploads/in/eicar.txt (Eicar-Signature)");
		assertThat(json.get("notificationType").asString()).isEqualTo("ScanResult");
		assertThat(json.get("id").asString()).isEqualTo("rec-1");
		assertThat(json.get("bucket").asString()).isEqualTo("uploads");
		assertThat(json.get("key").asString()).isEqualTo("in/eicar.txt");
		assertThat(json.get("result").asString()).isEqualTo("Infected");
		assertThat(json.get("detectedInfections").get(0).asString()).isEqualTo("Eicar-Signature");
		assertThat(json.get("engines").get(0).get("engineId").asString()).isEqualTo("clamav");
		assertThat(json.get("remediation").asString()).isEqualTo("QUARANTINED");
	}

	@Test
	void shouldLeaveCleanResultsOutUnlessAsked() throws Exception {
		new WebhookFindingPublisher(this.url, Duration.ofSeconds(5), false, true)
			.publish(record(ResultStatus.CLEAN, List.of()));
		new WebhookFindingPublisher(this.url, Duration.ofSeconds(5), true, true)
			.publish(record(ResultStatus.CLEAN, List.of()));

		assertThat(this.posts.poll(5, java.util.concurrent.TimeUnit.SECONDS))
			.contains("\"text\":\"BucketWarden: Clean s3://uploads/in/eicar.txt\"");
		assertThat(this.posts).as("only the one that asked for Clean results").isEmpty();
	}

	@Test
	void shouldFailWithAStorageExceptionWhenTheWebhookAnswers500() {
		this.status.set(500);
		WebhookFindingPublisher publisher = new WebhookFindingPublisher(this.url, Duration.ofSeconds(5), false, true);

		assertThatExceptionOfType(StorageException.class)
			.isThrownBy(() -> publisher.publish(record(ResultStatus.INFECTED, List.of("Eicar-Signature"))))
			.withMessageContaining("HTTP 500")
			.withMessageNotContaining("secret");
	}

	@Test
	void shouldRefuseALoopbackWebhookAtSendTimeUnlessAllowed() throws Exception {
		WebhookFindingPublisher publisher = new WebhookFindingPublisher(this.url, Duration.ofSeconds(5), false, false);

		assertThatExceptionOfType(StorageException.class)
			.isThrownBy(() -> publisher.publish(record(ResultStatus.INFECTED, List.of("Eicar-Signature"))))
			.withMessageContaining("127.0.0.1")
			.withMessageContaining("not allowed")
			.withMessageNotContaining("secret");
		URI named = URI.create("http://localhost:" + this.server.getAddress().getPort() + "/hooks/secret");
		assertThatExceptionOfType(StorageException.class)
			.isThrownBy(() -> new WebhookFindingPublisher(named, Duration.ofSeconds(5), false, false)
				.publish(record(ResultStatus.INFECTED, List.of("Eicar-Signature"))))
			.withMessageContaining("localhost is");
		assertThat(this.posts.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS)).as("nothing was sent").isNull();
	}

	@Test
	void shouldFailWithAStorageExceptionWhenNothingListens() {
		this.server.stop(0);
		WebhookFindingPublisher publisher = new WebhookFindingPublisher(this.url, Duration.ofSeconds(5), false, true);

		assertThatExceptionOfType(StorageException.class)
			.isThrownBy(() -> publisher.publish(record(ResultStatus.ERROR, List.of())))
			.withCauseInstanceOf(IOException.class);
	}

	static ScanRecord record(ResultStatus status, List<String> signatures) {
		return new ScanRecord("rec-1", "uploads", "in/eicar.txt", "v1", "etag", 68, status,
				(status == ResultStatus.ERROR) ? "clamd unavailable" : null, null, signatures,
				List.of(new ScanRecord.EngineRecord("clamav", status.label(), signatures, null, "ClamAV 1.4.6", "27000",
						5, null, true)),
				Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMillis(12), TaggingStatus.TAGGED,
				(status == ResultStatus.INFECTED) ? RemediationState.QUARANTINED : RemediationState.NONE, null, false,
				ScanSource.EVENT);
	}

	/** A webhook on 127.0.0.1 that records each body and answers the given status. */
	static final class WebhookServer {

		private WebhookServer() {
		}

		static HttpServer start(BlockingQueue<String> posts, AtomicInteger status) throws IOException {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", (exchange) -> {
				try (exchange) {
					posts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
					exchange.sendResponseHeaders(status.get(), -1);
				}
			});
			server.start();
			return server;
		}

	}

}
