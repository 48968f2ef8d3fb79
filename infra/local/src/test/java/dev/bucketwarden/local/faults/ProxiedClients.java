package dev.bucketwarden.local.faults;

import java.net.URI;
import java.time.Duration;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import dev.bucketwarden.local.aws.AwsClients;

/**
 * SDK clients through a proxy, with the agents' HTTP client (Apache), with or without the
 * SDK's standard retries, and with an attempt timeout below the proxy's delay. The
 * helpers' URLConnection client is dropped (it holds nothing) for a builder the SDK
 * closes with the client.
 */
final class ProxiedClients {

	private ProxiedClients() {
	}

	static S3Client s3(URI endpoint, boolean retry, Duration attemptTimeout) {
		return AwsClients.s3Builder(endpoint)
			.httpClient(null)
			.httpClientBuilder(ApacheHttpClient.builder())
			.overrideConfiguration((override) -> configure(override, retry, attemptTimeout))
			.build();
	}

	static DynamoDbClient dynamoDb(URI endpoint, boolean retry, Duration attemptTimeout) {
		return AwsClients.dynamoDbBuilder(endpoint)
			.httpClient(null)
			.httpClientBuilder(ApacheHttpClient.builder())
			.overrideConfiguration((override) -> configure(override, retry, attemptTimeout))
			.build();
	}

	static SqsClient sqs(URI endpoint, boolean retry, Duration attemptTimeout) {
		return AwsClients.sqsBuilder(endpoint)
			.httpClient(null)
			.httpClientBuilder(ApacheHttpClient.builder())
			.overrideConfiguration((override) -> configure(override, retry, attemptTimeout))
			.build();
	}

	private static void configure(ClientOverrideConfiguration.Builder override, boolean retry,
			Duration attemptTimeout) {
		override.apiCallAttemptTimeout(attemptTimeout)
			.retryStrategy(retry ? AwsRetryStrategy.standardRetryStrategy() : AwsRetryStrategy.doNotRetry());
	}

}
