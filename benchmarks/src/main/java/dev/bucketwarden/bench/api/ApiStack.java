package dev.bucketwarden.bench.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import dev.bucketwarden.bench.support.SignatureSet;
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
import dev.bucketwarden.local.support.AwsEmulator;

/**
 * What the API agent needs for {@code POST /api/v1/scan}, started in parallel in a work
 * directory: clamd with its cache off, {@code MaxThreads} equal to the concurrency and
 * the chosen signature database, DynamoDB Local with the results table (the agent's
 * store), and the OIDC server as the token issuer with one app client. No S3: the scan
 * endpoint never stores, and the agent's S3 client connects only when used (it points at
 * a closed port, so a stray call would fail loudly). Everything listens on 127.0.0.1;
 * each server stops on {@link #close()} by its PID, and by its own shutdown hook if the
 * JVM ends first.
 */
final class ApiStack implements AutoCloseable {

	static final OidcClient APP = new OidcClient("bench-app", Map.of());

	final ClamdServer clamd;

	final DynamoDbLocalServer dynamodb;

	final OidcServer oidc;

	private ApiStack(ClamdServer clamd, DynamoDbLocalServer dynamodb, OidcServer oidc) {
		this.clamd = clamd;
		this.dynamodb = dynamodb;
		this.oidc = oidc;
	}

	static ApiStack start(Path dir, int clamdThreads, SignatureSet signatures) {
		ParallelStart servers = new ParallelStart();
		var clamd = servers.start(() -> ClamdServer.start(signatures
			.applyTo(ClamdOptions.in(dir.resolve("clamd")).withDisableCache(true).withMaxThreads(clamdThreads))));
		var dynamodb = servers.start(() -> DynamoDbLocalServer.start(DynamoDbLocalOptions.in(dir.resolve("dynamodb"))));
		var oidc = servers.start(() -> OidcServer.start(OidcOptions.in(dir.resolve("oidc")).withClients(APP)));
		servers.await();
		ApiStack stack = new ApiStack(clamd.get(), dynamodb.get(), oidc.get());
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

	/** The PIDs whose CPU the benchmark accounts for, by name. */
	Map<String, Long> pids() {
		Map<String, Long> pids = new LinkedHashMap<>();
		pids.put("clamd", this.clamd.pid());
		pids.put("DynamoDB Local", this.dynamodb.pid());
		pids.put("OIDC server", this.oidc.pid());
		return pids;
	}

	/** The API agent's settings for this stack. */
	Map<String, String> agentProperties(int port, int concurrency) {
		Map<String, String> agent = new LinkedHashMap<>();
		agent.put("server.port", Integer.toString(port));
		agent.put("server.address", "127.0.0.1");
		agent.put("spring.cloud.aws.region.static", AwsEmulator.REGION);
		agent.put("spring.cloud.aws.credentials.access-key", AwsEmulator.ACCESS_KEY_ID);
		agent.put("spring.cloud.aws.credentials.secret-key", AwsEmulator.SECRET_ACCESS_KEY);
		// Port 9 (discard) is closed on loopback: the scan endpoint must not touch S3.
		agent.put("spring.cloud.aws.s3.endpoint", "http://127.0.0.1:9");
		agent.put("spring.cloud.aws.s3.path-style-access-enabled", "true");
		agent.put("spring.cloud.aws.dynamodb.endpoint", this.dynamodb.endpoint().toString());
		agent.put("spring.cloud.aws.sqs.enabled", "false");
		agent.put("spring.cloud.aws.sns.enabled", "false");
		agent.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", this.oidc.issuerUri().toString());
		agent.put("bucketwarden.engines.clamav.host", this.clamd.host());
		agent.put("bucketwarden.engines.clamav.port", Integer.toString(this.clamd.port()));
		agent.put("bucketwarden.engines.clamav.max-concurrency", Integer.toString(concurrency));
		agent.put("bucketwarden.engines.clamav.stream-max-length", "300MB");
		agent.put("bucketwarden.results.table", LocalResources.resultsTable().tableName());
		return agent;
	}

	@Override
	public void close() {
		ParallelStart.closeQuietly(this.oidc);
		ParallelStart.closeQuietly(this.dynamodb);
		this.clamd.close();
	}

}
