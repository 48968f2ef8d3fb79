package dev.bucketwarden.apiagent;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code /upload} stores, and where: refused keys are a 400 with the reason and
 * nothing stored, an existing key is a 409 unless the caller asks to overwrite, and the
 * stored Content-Type is the detected one when the claim disagrees.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UploadSafetyIntegrationTests extends ApiAgentHttpTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
			'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0 };

	@Test
	void shouldRefuseDangerousKeysWithTheReason() throws Exception {
		assertRefused("../escape.txt", "'..' segment");
		assertRefused("a/../../b", "'..' segment");
		assertRefused("/leading.txt", "starts with '/'");
		assertRefused("a//b.txt", "empty segment");
		assertRefused("line\r\nforged: header", "control character (U+000D)");
		assertRefused("del\u007f.txt", "control character (U+007F)");
		assertRefused("é".repeat(513), "1026 bytes of UTF-8");
	}

	@Test
	void shouldNotOverwriteAnExistingKeyUnlessAsked() throws Exception {
		String key = "safety/existing.txt";
		this.stack.s3.putObject((r) -> r.bucket(ApiTestStack.UPLOADS).key(key), RequestBody.fromString("first"));

		HttpResponse<String> refused = upload(key, "second".getBytes(), "text/plain", false);
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(content(key)).isEqualTo("first");

		HttpResponse<String> replaced = upload(key, "second".getBytes(), "text/plain", true);
		assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(201);
		assertThat(content(key)).isEqualTo("second");
	}

	@Test
	void shouldStoreTheDetectedContentTypeAndRecordTheClaim() throws Exception {
		HttpResponse<String> response = upload("safety/picture.html", PNG, "text/html", false);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		HeadObjectResponse head = this.stack.s3
			.headObject((r) -> r.bucket(ApiTestStack.UPLOADS).key("safety/picture.html"));
		assertThat(head.contentType()).isEqualTo("image/png");
		assertThat(head.metadata()).containsEntry("bucketwarden-claimed-content-type", "text/html");
	}

	@Test
	void shouldKeepAClaimThatMatchesTheContent() throws Exception {
		HttpResponse<String> response = upload("safety/picture.png", PNG, "image/png", false);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		HeadObjectResponse head = this.stack.s3
			.headObject((r) -> r.bucket(ApiTestStack.UPLOADS).key("safety/picture.png"));
		assertThat(head.contentType()).isEqualTo("image/png");
		assertThat(head.metadata()).doesNotContainKey("bucketwarden-claimed-content-type");
	}

	private void assertRefused(String key, String reason) throws Exception {
		HttpResponse<String> response = upload(key, "harmless".getBytes(), "text/plain", false);

		assertThat(response.statusCode()).as(key).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).get("detail").asString()).contains(reason);
		assertThat(this.stack.s3.listObjectsV2((r) -> r.bucket(ApiTestStack.UPLOADS)).contents())
			.noneMatch((object) -> object.key().equals(key));
	}

	private String content(String key) {
		return this.stack.s3.getObjectAsBytes((r) -> r.bucket(ApiTestStack.UPLOADS).key(key)).asUtf8String();
	}

	private HttpResponse<String> upload(String key, byte[] body, String contentType, boolean overwrite)
			throws Exception {
		String path = "/api/v1/upload?bucket=" + ApiTestStack.UPLOADS + "&key="
				+ URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20")
				+ (overwrite ? "&overwrite=true" : "");
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + this.stack.token(ApiTestStack.SCANNER, "scan"))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
