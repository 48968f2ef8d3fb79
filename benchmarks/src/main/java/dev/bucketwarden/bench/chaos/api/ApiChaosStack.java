package dev.bucketwarden.bench.chaos.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import dev.bucketwarden.local.LocalResources;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.clamd.ClamdOptions;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalOptions;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.oidc.OidcClient;
import dev.bucketwarden.local.oidc.OidcOptions;
import dev.bucketwarden.local.oidc.OidcServer;
import dev.bucketwarden.local.process.ParallelStart;
import dev.bucketwarden.local.s3mock.S3MockOptions;
import dev.bucketwarden.local.s3mock.S3MockServer;
import dev.bucketwarden.local.support.AwsEmulator;

/**
 * The servers behind the API agent in the chaos run, started in parallel: clamd (with
 * {@code MaxThreads} equal to the clients), S3Mock with the upload bucket, DynamoDB Local
 * with the results table (where refused uploads are recorded), and the OIDC server as the
 * token issuer with one app client. All on 127.0.0.1, each stopped by its PID on
 * {@link #close()}.
 */
final class ApiChaosStack implements AutoCloseable {

	static final OidcClient APP = new OidcClient("chaos-app", Map.of());

	final ClamdServer clamd;

	final S3MockServer s3mock;

	final DynamoDbLocalServer dynamodb;

	final OidcServer oidc;

	private ApiChaosStack(ClamdServer clamd, S3MockServer s3mock, DynamoDbLocalServer dynamodb, OidcServer oidc) {
		this.clamd = clamd;
		this.s3mock = s3mock;
		this.dynamodb = dynamodb;
		this.oidc = oidc;
	}

	static ApiChaosStack start(Path dir, int clamdThreads) {
		ParallelStart servers = new ParallelStart();
		var clamd = servers.start(() -> ClamdServer
			.start(ClamdOptions.in(dir.resolve("clamd")).withDisableCache(true).withMaxThreads(clamdThreads)));
		var s3mock = servers
			.start(() -> S3MockServer.start(S3MockOptions.in(dir.resolve("s3mock")).withBuckets(UploadMix.BUCKET)));
		var dynamodb = servers.start(() -> DynamoDbLocalServer.start(DynamoDbLocalOptions.in(dir.resolve("dynamodb"))));
		var oidc = servers.start(() -> OidcServer.start(OidcOptions.in(dir.resolve("oidc")).withClients(APP)));
		servers.await();
		ApiChaosStack stack = new ApiChaosStack(clamd.get(), s3mock.get(), dynamodb.get(), oidc.get());
		try (DynamoDbClient dynamo = AwsClients.dynamoDb(stack.dynamodb)) {
			DynamoDbTables.createAndAwaitActive(dynamo, LocalResources.resultsTable(), Duration.ofSeconds(30));
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	/** A client-credentials token with the {@code scan} scope. */
	String token() {
		return this.oidc.clientCredentialsToken(APP.clientId(), "scan").accessToken();
	}

	/**
	 * The API agent's settings: S3 through the fault proxy, clamd's read timeout short
	 * enough for a stopped clamd to outlast it, and each AWS attempt bounded so that a
	 * delayed answer ends the attempt.
	 */
	Map<String, String> agentProperties(int port, int clients, String s3Endpoint, Duration readTimeout,
			Duration attemptTimeout) {
		Map<String, String> agent = new LinkedHashMap<>();
		agent.put("server.port", Integer.toString(port));
		agent.put("server.address", "127.0.0.1");
		agent.put("spring.cloud.aws.region.static", AwsEmulator.REGION);
		agent.put("spring.cloud.aws.credentials.access-key", AwsEmulator.ACCESS_KEY_ID);
		agent.put("spring.cloud.aws.credentials.secret-key", AwsEmulator.SECRET_ACCESS_KEY);
		agent.put("spring.cloud.aws.s3.endpoint", s3Endpoint);
		agent.put("spring.cloud.aws.s3.path-style-access-enabled", "true");
		agent.put("spring.cloud.aws.dynamodb.endpoint", this.dynamodb.endpoint().toString());
		agent.put("spring.cloud.aws.sqs.enabled", "false");
		agent.put("spring.cloud.aws.sns.enabled", "false");
		agent.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", this.oidc.issuerUri().toString());
		agent.put("bucketwarden.engines.clamav.host", this.clamd.host());
		agent.put("bucketwarden.engines.clamav.port", Integer.toString(this.clamd.port()));
		agent.put("bucketwarden.engines.clamav.max-concurrency", Integer.toString(clients));
		agent.put("bucketwarden.engines.clamav.read-timeout", readTimeout.toMillis() + "ms");
		agent.put("bucketwarden.aws.attempt-timeout", attemptTimeout.toMillis() + "ms");
		// no usage roll-ups: their PutItems would take faults armed for the agent's
		agent.put("bucketwarden.usage.enabled", "false");
		agent.put("bucketwarden.results.table", LocalResources.resultsTable().tableName());
		agent.put("bucketwarden.api.upload-buckets", UploadMix.BUCKET);
		agent.put("bucketwarden.trust.protected-buckets", UploadMix.BUCKET);
		return agent;
	}

	@Override
	public void close() {
		ParallelStart.closeQuietly(this.oidc);
		ParallelStart.closeQuietly(this.dynamodb);
		ParallelStart.closeQuietly(this.s3mock);
		this.clamd.close();
	}

}
