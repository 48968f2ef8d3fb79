package dev.bucketwarden.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import dev.bucketwarden.local.clamd.ClamdOptions;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalOptions;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.elasticmq.ElasticMqOptions;
import dev.bucketwarden.local.elasticmq.ElasticMqServer;
import dev.bucketwarden.local.oidc.OidcOptions;
import dev.bucketwarden.local.oidc.OidcServer;
import dev.bucketwarden.local.process.ParallelStart;
import dev.bucketwarden.local.s3mock.S3MockOptions;
import dev.bucketwarden.local.s3mock.S3MockServer;
import dev.bucketwarden.local.support.AwsEmulator;

/**
 * The servers of the local stack, each in its own directory under the state directory.
 * They start in parallel (S3Mock takes longest; together they take about as long as it
 * does alone), and if one fails the others are stopped.
 *
 * @param clamd clamd with our signature database
 * @param s3 S3Mock
 * @param sqs ElasticMQ
 * @param dynamoDb DynamoDB Local
 * @param oidc mock-oauth2-server, for Cognito
 */
record StackServers(ClamdServer clamd, S3MockServer s3, ElasticMqServer sqs, DynamoDbLocalServer dynamoDb,
		OidcServer oidc) implements AutoCloseable {

	static StackServers start(Path dir) {
		ParallelStart servers = new ParallelStart();
		var clamd = servers.start(() -> ClamdServer.start(ClamdOptions.in(dir.resolve("clamd"))));
		var s3 = servers.start(() -> S3MockServer.start(S3MockOptions.in(dir.resolve("s3mock"))));
		var sqs = servers.start(() -> ElasticMqServer.start(ElasticMqOptions.in(dir.resolve("elasticmq"))));
		var dynamoDb = servers
			.start(() -> DynamoDbLocalServer.start(DynamoDbLocalOptions.in(dir.resolve("dynamodb-local"))));
		var oidc = servers.start(() -> OidcServer.start(OidcOptions.in(dir.resolve("oidc"))));
		servers.await();
		return new StackServers(clamd.get(), s3.get(), sqs.get(), dynamoDb.get(), oidc.get());
	}

	/** The addresses for {@code stack.properties}. */
	Properties addresses() {
		Properties properties = new Properties();
		properties.setProperty("clamd.host", this.clamd.host());
		properties.setProperty("clamd.port", Integer.toString(this.clamd.port()));
		properties.setProperty("clamd.socket", this.clamd.socket().toString());
		properties.setProperty("clamd.pid", Long.toString(this.clamd.pid()));
		properties.setProperty("clamd.version", this.clamd.version());
		properties.setProperty("aws.region", AwsEmulator.REGION);
		properties.setProperty("aws.access-key-id", AwsEmulator.ACCESS_KEY_ID);
		properties.setProperty("aws.secret-access-key", AwsEmulator.SECRET_ACCESS_KEY);
		emulator(properties, "s3", this.s3);
		emulator(properties, "sqs", this.sqs);
		emulator(properties, "dynamodb", this.dynamoDb);
		properties.setProperty("oidc.issuer-uri", this.oidc.issuerUri().toString());
		properties.setProperty("oidc.token-endpoint", this.oidc.tokenEndpoint().toString());
		properties.setProperty("oidc.jwks-uri", this.oidc.jwksUri().toString());
		properties.setProperty("oidc.pid", Long.toString(this.oidc.pid()));
		return properties;
	}

	@Override
	public void close() {
		List<AutoCloseable> servers = new ArrayList<>(List.of(this.oidc, this.dynamoDb, this.sqs, this.s3));
		servers.forEach(ParallelStart::closeQuietly);
		this.clamd.close();
	}

	private static void emulator(Properties properties, String name, AwsEmulator emulator) {
		properties.setProperty(name + ".endpoint", emulator.endpoint().toString());
		properties.setProperty(name + ".pid", Long.toString(emulator.pid()));
	}

}
