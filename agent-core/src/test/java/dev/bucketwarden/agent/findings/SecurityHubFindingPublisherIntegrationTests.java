package dev.bucketwarden.agent.findings;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.local.moto.MotoOptions;
import dev.bucketwarden.local.moto.MotoServer;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.settings.StoredIntegrations;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Security Hub sink against moto's Security Hub API (BatchImportFindings,
 * GetFindings) for what the pipeline test cannot provoke with a real clamd: an Error
 * finding resolved by the clean retry, a Clean result that must not create a finding, the
 * toggle's choices; and against a server answering FailedCount, the sink's failure (which
 * the console's integrations log and count, as for every sink).
 */
class SecurityHubFindingPublisherIntegrationTests {

	private static final StoredIntegrations.SecurityHub ALL = new StoredIntegrations.SecurityHub(true, true, true);

	private static final StoredIntegrations.SecurityHub INFECTED_ONLY = new StoredIntegrations.SecurityHub(true, false,
			false);

	private static final Instant SCANNED = Instant.parse("2026-12-06T12:00:00Z");

	private static MotoServer moto;

	private static SecurityHubStandIn hub;

	@BeforeAll
	static void startMoto() {
		moto = MotoServer.start(MotoOptions.in(Path.of("target", "moto-securityhub-" + ProcessHandle.current().pid())));
		hub = new SecurityHubStandIn(moto);
	}

	@AfterAll
	static void stopMoto() {
		if (moto != null) {
			moto.close();
		}
	}

	@BeforeEach
	void reset() {
		moto.reset();
	}

	@Test
	void shouldResolveAnErrorFindingWhenTheRetryFindsTheObjectClean() {
		SecurityHubFindingPublisher publisher = hub.target().publisher(ALL, clock("2026-12-06T12:00:05Z"));
		ScanRecord error = record("e1", ResultStatus.ERROR, List.of(), RemediationState.NONE);
		publisher.publish(error);
		assertThat(hub.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding).containsEntry("RecordState", "ACTIVE");
			assertThat(finding.get("Types")).asList()
				.containsExactly("Software and Configuration Checks/AWS Security Best Practices/S3 Object Scan Failed");
			assertThat(finding.get("Severity")).isEqualTo(Map.of("Label", "LOW", "Original", "Error"));
		});

		hub.target()
			.publisher(ALL, clock("2026-12-06T12:01:00Z"))
			.publish(record("c1", ResultStatus.CLEAN, List.of(), RemediationState.NONE), error);

		assertThat(hub.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding).containsEntry("RecordState", "ARCHIVED")
				.containsEntry("Workflow", Map.of("Status", "RESOLVED"))
				.containsEntry("CreatedAt", "2026-12-06T12:00:00Z")
				.containsEntry("UpdatedAt", "2026-12-06T12:01:00Z");
			assertThat(finding.get("FindingProviderFields")).as("what a provider updates")
				.isEqualTo(Map.of("Types",
						List.of("Software and Configuration Checks/AWS Security Best Practices/S3 Object Scan Failed"),
						"Severity", Map.of("Label", "INFORMATIONAL", "Original", "Clean")));
		});
	}

	@Test
	void shouldNeverCreateAFindingForACleanResult() {
		SecurityHubFindingPublisher publisher = hub.target().publisher(ALL, Clock.systemUTC());

		publisher.publish(record("c1", ResultStatus.CLEAN, List.of(), RemediationState.NONE));
		publisher.publish(record("c2", ResultStatus.CLEAN, List.of(), RemediationState.NONE),
				record("c1", ResultStatus.CLEAN, List.of(), RemediationState.NONE));
		publisher.publish(record("c3", ResultStatus.CLEAN, List.of(), RemediationState.NONE),
				record("e1", ResultStatus.ERROR, List.of(), RemediationState.NONE));

		assertThat(hub.findings()).as("no finding to resolve: none is created").isEmpty();
	}

	@Test
	void shouldImportOnlyTheResultsTheToggleAsksFor() {
		hub.target()
			.publisher(INFECTED_ONLY, Clock.systemUTC())
			.publish(record("u1", ResultStatus.UNSCANNABLE, List.of(), RemediationState.NONE));
		hub.target()
			.publisher(INFECTED_ONLY, Clock.systemUTC())
			.publish(record("e1", ResultStatus.ERROR, List.of(), RemediationState.NONE));
		hub.target()
			.publisher(StoredIntegrations.SecurityHub.OFF, Clock.systemUTC())
			.publish(record("i1", ResultStatus.INFECTED, List.of("Eicar-Signature"), RemediationState.KEPT));
		assertThat(hub.findings()).isEmpty();

		hub.target()
			.publisher(ALL, Clock.systemUTC())
			.publish(record("u2", ResultStatus.UNSCANNABLE, List.of(), RemediationState.NONE));

		assertThat(hub.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.get("Severity")).isEqualTo(Map.of("Label", "MEDIUM", "Original", "Unscannable"));
			assertThat(finding).containsEntry("Workflow", Map.of("Status", "NEW"));
		});
	}

	@Test
	void shouldFailWhenSecurityHubRefusesTheFinding() throws IOException {
		AtomicReference<String> imported = new AtomicReference<>();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", (exchange) -> {
			String path = exchange.getRequestURI().getPath();
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String answer = "{\"Findings\":[]}";
			if (path.equals("/findings/import")) {
				imported.set(body);
				answer = "{\"FailedCount\":1,\"SuccessCount\":0,\"FailedFindings\":[{\"Id\":\"x\","
						+ "\"ErrorCode\":\"InvalidInput\",\"ErrorMessage\":\"Finding is too large\"}]}";
			}
			byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		server.start();
		try {
			SecurityHubTarget refusing = new SecurityHubTarget(
					URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "aws", "eu-west-1",
					SecurityHubStandIn.ACCOUNT,
					StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), Duration.ofSeconds(5),
					true);
			ScanRecord infected = record("i1", ResultStatus.INFECTED, List.of("Eicar-Signature"),
					RemediationState.KEPT);

			assertThatExceptionOfType(StorageException.class)
				.isThrownBy(() -> refusing.publisher(ALL, Clock.systemUTC()).publish(infected))
				.withMessageContaining("InvalidInput: Finding is too large");
			assertThat(imported.get()).contains("\"AwsAccountId\":\"123456789012\"");
		}
		finally {
			server.stop(0);
		}
	}

	private static Clock clock(String at) {
		return Clock.fixed(Instant.parse(at), ZoneOffset.UTC);
	}

	static ScanRecord record(String id, ResultStatus status, List<String> signatures, RemediationState remediation) {
		return new ScanRecord(id, "uploads", "in/report.pdf", "v1", "etag-1", 4096, status,
				(status == ResultStatus.ERROR) ? "clamd: connection refused" : null,
				(status == ResultStatus.ERROR) ? "UNAVAILABLE" : null, signatures,
				List.of(new ScanRecord.EngineRecord("clamav", status.label(), signatures, null, "ClamAV 1.4.2", "27480",
						12)),
				SCANNED, Duration.ofMillis(12), TaggingStatus.TAGGED, remediation, null, false, ScanSource.EVENT);
	}

}
