package dev.bucketwarden.apiagent;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /scan/s3} acts only on protected buckets, and a verdict whose tags could not be
 * written is no plain Clean: 424 with the verdict and what was not done.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScanObjectIntegrationTests extends ApiAgentHttpTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void shouldRefuseABucketThatIsNotProtected() throws Exception {
		this.stack.s3.putObject((r) -> r.bucket(ApiTestStack.FORBIDDEN_BUCKET).key("elsewhere.txt"),
				RequestBody.fromString("hello"));

		HttpResponse<String> response = scan(ApiTestStack.FORBIDDEN_BUCKET, "elsewhere.txt");

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(this.stack.s3.getObjectTagging((r) -> r.bucket(ApiTestStack.FORBIDDEN_BUCKET).key("elsewhere.txt"))
			.tagSet()).isEmpty();
	}

	@Test
	void shouldNotAnswerCleanWhenNoResultTagCouldBeWritten() throws Exception {
		Tag[] full = IntStream.range(0, 10)
			.mapToObj((i) -> Tag.builder().key("user-" + i).value("v").build())
			.toArray(Tag[]::new);
		this.stack.s3.putObject((r) -> r.bucket(ApiTestStack.UPLOADS).key("tags/full.txt"),
				RequestBody.fromString("clean content"));
		this.stack.s3.putObjectTagging(
				(r) -> r.bucket(ApiTestStack.UPLOADS).key("tags/full.txt").tagging((t) -> t.tagSet(full)));

		HttpResponse<String> response = scan(ApiTestStack.UPLOADS, "tags/full.txt");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(424);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("result").asString()).isEqualTo("Clean");
		assertThat(body.get("notDone").get(0).asString()).startsWith("tags: none written");
	}

	@Test
	void shouldAnswerTheVerdictWhenEverythingWasDone() throws Exception {
		this.stack.s3.putObject((r) -> r.bucket(ApiTestStack.UPLOADS).key("tags/room.txt"),
				RequestBody.fromString("clean content"));

		HttpResponse<String> response = scan(ApiTestStack.UPLOADS, "tags/room.txt");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).get("result").asString()).isEqualTo("Clean");
	}

	private HttpResponse<String> scan(String bucket, String key) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/scan/s3"))
			.header("Authorization", "Bearer " + this.stack.token(ApiTestStack.SCANNER, "scan"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"bucket\":\"" + bucket + "\",\"key\":\"" + key + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
