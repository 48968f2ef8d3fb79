package dev.bucketwarden.agent.awscalls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.S3Buckets;
import dev.bucketwarden.local.junit.S3MockExtension;
import dev.bucketwarden.local.s3mock.S3MockServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The counter counts the requests a real client sends to a real server, by operation, and
 * tells the SDK's retries from first attempts.
 */
@ExtendWith(S3MockExtension.class)
class AwsRequestCounterIntegrationTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void shouldCountEachRequestToS3ByOperation(S3MockServer s3mock) {
		try (S3Client s3 = counted(s3mock.endpoint())) {
			S3Buckets.createVersioned(s3, "counted");
			s3.putObject((request) -> request.bucket("counted").key("a.txt"), RequestBody.fromString("a"));
			s3.headObject((request) -> request.bucket("counted").key("a.txt"));
			s3.headObject((request) -> request.bucket("counted").key("a.txt"));
			s3.getObjectAsBytes((request) -> request.bucket("counted").key("a.txt"));
			s3.putObjectTagging((request) -> request.bucket("counted")
				.key("a.txt")
				.tagging((tagging) -> tagging.tagSet(Tag.builder().key("scan-result").value("Clean").build())));
			s3.getObjectTagging((request) -> request.bucket("counted").key("a.txt"));
		}

		assertThat(first("S3", "PutObject")).isEqualTo(1);
		assertThat(first("S3", "HeadObject")).isEqualTo(2);
		assertThat(first("S3", "GetObject")).isEqualTo(1);
		assertThat(first("S3", "PutObjectTagging")).isEqualTo(1);
		assertThat(first("S3", "GetObjectTagging")).isEqualTo(1);
		assertThat(this.registry.find(AwsRequestCounter.METRIC).tag("attempt", "retry").counters()).isEmpty();
	}

	@Test
	void shouldCountRetriesApartFromFirstAttempts() throws IOException {
		AtomicInteger received = new AtomicInteger();
		HttpServer failing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		failing.createContext("/", (exchange) -> {
			received.incrementAndGet();
			exchange.sendResponseHeaders(500, -1);
			exchange.close();
		});
		failing.start();
		try (S3Client s3 = counted(URI.create("http://127.0.0.1:" + failing.getAddress().getPort()))) {
			assertThatExceptionOfType(S3Exception.class)
				.isThrownBy(() -> s3.getObjectAsBytes((request) -> request.bucket("any").key("a.txt")));
		}
		finally {
			failing.stop(0);
		}

		// The standard retry mode: three attempts in all, which the server saw.
		assertThat(received).hasValue(3);
		assertThat(first("S3", "GetObject")).isEqualTo(1);
		assertThat(count("S3", "GetObject", "retry")).isEqualTo(2);
		assertThat(new AwsRequestCounter(this.registry).count("S3", "GetObject")).isEqualTo(3);
	}

	/**
	 * A client with a retry mode of its own in its override configuration, which adding
	 * the counter must keep.
	 */
	private S3Client counted(URI endpoint) {
		S3ClientBuilder builder = AwsClients.s3Builder(endpoint)
			.overrideConfiguration((override) -> override.retryStrategy(RetryMode.STANDARD));
		new AwsRequestCounter(this.registry).addTo(builder);
		return builder.build();
	}

	private double first(String service, String operation) {
		return count(service, operation, "first");
	}

	private double count(String service, String operation, String attempt) {
		Counter counter = this.registry.find(AwsRequestCounter.METRIC)
			.tag("service", service)
			.tag("operation", operation)
			.tag("attempt", attempt)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
