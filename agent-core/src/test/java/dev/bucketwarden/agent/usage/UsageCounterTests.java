package dev.bucketwarden.agent.usage;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

import dev.bucketwarden.store.usage.UsageRollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The counter on real SDK clients: each attempt counts, when it is sent (answered or
 * not), under the bucket the request names, or shared.
 */
class UsageCounterTests {

	/** Nothing listens there: every attempt is sent and fails to connect. */
	private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

	private static final Instant NOW = Instant.parse("2026-12-06T10:15:00Z");

	private final UsageCounter counter = new UsageCounter(Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void shouldCountS3RequestsUnderTheBucketTheyNameAndOthersAsShared() {
		S3ClientBuilder s3Builder = S3Client.builder()
			.endpointOverride(NOWHERE)
			.forcePathStyle(true)
			.region(Region.US_EAST_1)
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.httpClient(UrlConnectionHttpClient.create())
			.overrideConfiguration((config) -> config.retryStrategy(RetryMode.STANDARD));
		this.counter.addTo(s3Builder);
		SqsClientBuilder sqsBuilder = SqsClient.builder()
			.endpointOverride(NOWHERE)
			.region(Region.US_EAST_1)
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.httpClient(UrlConnectionHttpClient.create())
			.overrideConfiguration((config) -> config.retryStrategy((retry) -> retry.maxAttempts(1)));
		this.counter.addTo(sqsBuilder);
		try (S3Client s3 = s3Builder.build(); SqsClient sqs = sqsBuilder.build()) {
			assertThatExceptionOfType(SdkException.class)
				.isThrownBy(() -> s3.getObject((r) -> r.bucket("uploads").key("a.txt")));
			assertThatExceptionOfType(SdkException.class).isThrownBy(() -> sqs.listQueues());
		}

		Map<String, Map<String, Long>> counts = this.counter.counts(Instant.parse("2026-12-06T10:00:00Z"));
		// The standard retry mode makes three attempts; each one is a request.
		assertThat(counts)
			.isEqualTo(Map.of("uploads", Map.of("S3:GetObject", 3L), UsageRollup.SHARED, Map.of("Sqs:ListQueues", 1L)));
	}

}
