package dev.bucketwarden.console.buckets.policy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import dev.bucketwarden.console.web.AwsUnavailableException;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.support.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What S3's answers become, from a local HTTP server answering as S3 does: no policy is
 * an empty one, AccessDenied says which permission the console's role needs, an S3 that
 * does not answer is broken infrastructure (503).
 */
class PolicyStoreTests {

	private HttpServer s3;

	private final AtomicInteger status = new AtomicInteger();

	private final AtomicReference<String> body = new AtomicReference<>();

	@BeforeEach
	void start() throws IOException {
		this.s3 = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.s3.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			byte[] answer = this.body.get().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/xml");
			exchange.sendResponseHeaders(this.status.get(), answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		this.s3.start();
	}

	@AfterEach
	void stop() {
		this.s3.stop(0);
	}

	@Test
	void shouldReadNoPolicyAsNone() {
		answer(404, "NoSuchBucketPolicy", "The bucket policy does not exist");
		try (S3Client client = client()) {
			assertThat(new PolicyStore(client).read("uploads")).isEmpty();
		}
	}

	@Test
	void shouldSayWhichPermissionTheConsolesRoleNeeds() {
		answer(403, "AccessDenied", "Access Denied");
		try (S3Client client = client()) {
			PolicyStore store = new PolicyStore(client);

			assertThatExceptionOfType(PolicyRefusedException.class).isThrownBy(() -> store.read("uploads"))
				.withMessageStartingWith("S3 did not let BucketWarden read the bucket policy of bucket uploads"
						+ " (AccessDenied: Access Denied): the console's role needs s3:GetBucketPolicy on it");
			assertThatExceptionOfType(PolicyRefusedException.class).isThrownBy(() -> store.write("uploads", "{}"))
				.withMessageContaining("the console's role needs s3:PutBucketPolicy on it");
		}
	}

	@Test
	void shouldTellAnUnreachableS3FromARefusal() {
		try (S3Client client = AwsClients.s3(URI.create("http://127.0.0.1:" + FreePorts.next()))) {
			assertThatExceptionOfType(AwsUnavailableException.class)
				.isThrownBy(() -> new PolicyStore(client).read("uploads"))
				.withMessageStartingWith("S3 could not be reached for the bucket policy of uploads");
		}
	}

	private void answer(int status, String code, String message) {
		this.status.set(status);
		this.body.set("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
				+ "</Message><RequestId>1</RequestId></Error>");
	}

	private S3Client client() {
		return AwsClients.s3(URI.create("http://127.0.0.1:" + this.s3.getAddress().getPort()));
	}

}
