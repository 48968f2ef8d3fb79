package dev.bucketwarden.apiagent;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.bucketwarden.agent.findings.FindingPublisher;
import dev.bucketwarden.agent.pipeline.ContentScan;
import dev.bucketwarden.local.LocalResources;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refused upload (Infected, Unscannable, Error) is recorded and published with source
 * API under the bucket and key it was meant for, so it shows in the console's findings; a
 * clean upload is left to the event scan of the stored object, and a plain scan belongs
 * to no bucket: neither is recorded by the API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RefusedUploadIntegrationTests extends ApiAgentHttpTests {

	@Autowired
	RecordingPublisher published;

	private final DynamoDbResultStore results = new DynamoDbResultStore(AwsClients.dynamoDb(this.stack.dynamodb),
			LocalResources.resultsTable().tableName());

	@BeforeEach
	void forgetEarlierFindings() {
		this.published.records.clear();
	}

	@Test
	void shouldRecordAndPublishAnInfectedUploadWithSourceApi() throws Exception {
		HttpResponse<String> response = upload("refused/eicar.com", Samples.eicar());

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(this.published.records).singleElement().satisfies((finding) -> {
			assertThat(finding.bucket()).isEqualTo(ApiTestStack.UPLOADS);
			assertThat(finding.key()).isEqualTo("refused/eicar.com");
			assertThat(finding.versionId()).isNull();
			assertThat(finding.eTag()).isEqualTo(ContentScan.REFUSED_UPLOAD_ETAG + finding.id());
			assertThat(finding.status()).isEqualTo(ResultStatus.INFECTED);
			assertThat(finding.signatures()).isNotEmpty();
			assertThat(finding.source()).isEqualTo(ScanSource.API);
			assertThat(finding.size()).isEqualTo(Samples.eicar().length);
			assertThat(finding.tagging()).isEqualTo(TaggingStatus.DISABLED);
			assertThat(finding.remediation()).isEqualTo(RemediationState.NONE);
		});
		ScanRecord finding = this.published.records.getFirst();
		assertThat(this.results.find(ApiTestStack.UPLOADS, "refused/eicar.com", null, finding.eTag()))
			.hasValueSatisfying((recorded) -> {
				assertThat(recorded.id()).isEqualTo(finding.id());
				assertThat(recorded.status()).isEqualTo(ResultStatus.INFECTED);
				assertThat(recorded.source()).isEqualTo(ScanSource.API);
				assertThat(recorded.published()).isTrue();
			});
	}

	@Test
	void shouldRecordEveryRefusalOfOneKeyAndAnUnscannableOne() throws Exception {
		byte[] encrypted = Samples.encryptedZip(Map.of("a", Samples.random(100, 7)), "pw");

		assertThat(upload("refused/again.zip", encrypted).statusCode()).isEqualTo(422);
		assertThat(upload("refused/again.zip", encrypted).statusCode()).isEqualTo(422);

		assertThat(this.published.records).hasSize(2)
			.allSatisfy((finding) -> assertThat(finding.status()).isEqualTo(ResultStatus.UNSCANNABLE))
			.extracting(ScanRecord::id)
			.doesNotHaveDuplicates();
		assertThat(this.published.records).allSatisfy((finding) -> assertThat(
				this.results.find(ApiTestStack.UPLOADS, "refused/again.zip", null, finding.eTag()))
			.isPresent());
	}

	@Test
	void shouldNotRecordACleanUploadOrAPlainScan() throws Exception {
		HttpResponse<String> stored = upload("accepted/clean.bin", Samples.random(10_000, 8));
		HttpResponse<String> scanned = post("/api/v1/scan", Samples.eicar());

		assertThat(stored.statusCode()).isEqualTo(201);
		assertThat(scanned.statusCode()).isEqualTo(200);
		assertThat(scanned.body()).contains("\"result\":\"Infected\"");
		assertThat(this.published.records).isEmpty();
	}

	private HttpResponse<String> upload(String key, byte[] content) throws Exception {
		return post("/api/v1/upload?bucket=" + ApiTestStack.UPLOADS + "&key=" + key, content);
	}

	private HttpResponse<String> post(String path, byte[] content) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + this.stack.token(ApiTestStack.SCANNER, "scan"))
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofByteArray(content))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Keeps what the agent publishes, in place of the configured sinks. */
	static final class RecordingPublisher implements FindingPublisher {

		final List<ScanRecord> records = new CopyOnWriteArrayList<>();

		@Override
		public void publish(ScanRecord record) {
			this.records.add(record);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class PublisherConfiguration {

		@Bean
		RecordingPublisher findingPublisher() {
			return new RecordingPublisher();
		}

	}

}
