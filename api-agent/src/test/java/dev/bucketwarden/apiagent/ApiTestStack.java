package dev.bucketwarden.apiagent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

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
import dev.bucketwarden.local.s3mock.S3MockOptions;
import dev.bucketwarden.local.s3mock.S3MockServer;
import dev.bucketwarden.local.support.AwsEmulator;

/**
 * The real servers behind the API agent's tests, once per test JVM: clamd (sized for 1
 * GiB streams), S3Mock, DynamoDB Local with the results table, and the OIDC server
 * standing in for Cognito, with the API's app clients (one whose tokens are expired, one
 * whose tokens name another audience) and one app client that is not the API's. Only
 * {@link #UPLOADS} is protected.
 */
final class ApiTestStack {

	static final String UPLOADS = "api-uploads";

	static final String FORBIDDEN_BUCKET = "not-for-uploads";

	static final OidcClient SCANNER = new OidcClient("scanner-app", Map.of());

	/** An app client of the pool that is not one of the API's. */
	static final OidcClient OTHER = new OidcClient("other-app", Map.of());

	/** One of the API's clients, whose tokens expired long ago. */
	static final OidcClient EXPIRED = new OidcClient("expired-app", Map.of("exp", 1_000_000_000L));

	/** One of the API's clients, whose tokens name another API as their audience. */
	static final OidcClient OTHER_AUDIENCE = new OidcClient("audience-app", Map.of("aud", "another-api"));

	private static ApiTestStack instance;

	final ClamdServer clamd;

	final S3MockServer s3mock;

	final DynamoDbLocalServer dynamodb;

	final OidcServer oidc;

	final S3Client s3;

	private ApiTestStack() {
		Path work = Path.of("target", "api-stack-" + ProcessHandle.current().pid());
		this.clamd = ClamdServer.start(ClamdOptions.in(work.resolve("clamd")).withStreamMaxLength("1100M"));
		this.s3mock = S3MockServer
			.start(S3MockOptions.in(work.resolve("s3mock")).withBuckets(UPLOADS, FORBIDDEN_BUCKET));
		this.dynamodb = DynamoDbLocalServer.start(DynamoDbLocalOptions.in(work.resolve("dynamodb")));
		this.oidc = OidcServer
			.start(OidcOptions.in(work.resolve("oidc")).withClients(SCANNER, OTHER, EXPIRED, OTHER_AUDIENCE));
		DynamoDbClient dynamo = AwsClients.dynamoDb(this.dynamodb);
		DynamoDbTables.createAndAwaitActive(dynamo, LocalResources.resultsTable(), Duration.ofSeconds(30));
		this.s3 = AwsClients.s3(this.s3mock);
	}

	static synchronized ApiTestStack get() {
		if (instance == null) {
			instance = new ApiTestStack();
		}
		return instance;
	}

	Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		// Test servers listen on loopback only.
		properties.put("server.address", "127.0.0.1");
		properties.put("spring.cloud.aws.region.static", AwsEmulator.REGION);
		properties.put("spring.cloud.aws.credentials.access-key", AwsEmulator.ACCESS_KEY_ID);
		properties.put("spring.cloud.aws.credentials.secret-key", AwsEmulator.SECRET_ACCESS_KEY);
		properties.put("spring.cloud.aws.s3.endpoint", this.s3mock.endpoint().toString());
		properties.put("spring.cloud.aws.s3.path-style-access-enabled", "true");
		properties.put("spring.cloud.aws.dynamodb.endpoint", this.dynamodb.endpoint().toString());
		properties.put("spring.cloud.aws.sqs.enabled", "false");
		properties.put("spring.cloud.aws.sns.enabled", "false");
		properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", this.oidc.issuerUri().toString());
		properties.put("bucketwarden.engines.clamav.host", this.clamd.host());
		properties.put("bucketwarden.engines.clamav.port", Integer.toString(this.clamd.port()));
		properties.put("bucketwarden.engines.clamav.stream-max-length", "1100MB");
		properties.put("bucketwarden.results.table", LocalResources.resultsTable().tableName());
		properties.put("bucketwarden.api.upload-buckets", UPLOADS);
		properties.put("bucketwarden.api.tokens.client-ids",
				String.join(",", SCANNER.clientId(), EXPIRED.clientId(), OTHER_AUDIENCE.clientId()));
		properties.put("bucketwarden.trust.protected-buckets", UPLOADS);
		return properties;
	}

	/** A client-credentials token from the OIDC server's token endpoint. */
	String token(OidcClient client, String scope) {
		return this.oidc.clientCredentialsToken(client.clientId(), scope).accessToken();
	}

}
