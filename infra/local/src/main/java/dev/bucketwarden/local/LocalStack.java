package dev.bucketwarden.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.oidc.OidcUser;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.local.support.AwsEmulator;

/**
 * Starts the local stack (clamd, S3Mock, ElasticMQ, DynamoDB Local, and
 * mock-oauth2-server for Cognito) and keeps it running until the process is stopped
 * (SIGTERM or Ctrl-C). When everything is up, the addresses are written to
 * {@code stack.properties} in the state directory: the one place every script and test
 * reads them from ({@code clamd.*}, {@code s3.endpoint}, {@code sqs.endpoint},
 * {@code dynamodb.endpoint}, {@code aws.region} and the fake {@code aws.access-key-id}
 * and {@code aws.secret-access-key}; {@code oidc.issuer-uri}, {@code oidc.token-endpoint}
 * and {@code oidc.jwks-uri}).
 *
 * <pre>java -jar local-stack.jar [--dir .local-stack] [--samples DIR]</pre>
 */
public final class LocalStack {

	public static final String PROPERTIES = "stack.properties";

	private LocalStack() {
	}

	public static void main(String[] args) throws InterruptedException {
		Map<String, String> options = Arguments.parse(args, Map.of("--dir", ".local-stack", "--samples", ""));
		Path dir = Path.of(options.get("--dir")).toAbsolutePath();
		Path properties = dir.resolve(PROPERTIES);
		deleteQuietly(properties);
		long started = System.nanoTime();
		StackServers servers = StackServers.start(dir);
		LocalResources resources;
		try {
			resources = LocalResources.create(servers);
		}
		catch (RuntimeException ex) {
			servers.close();
			throw ex;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			deleteQuietly(properties);
			resources.close();
			servers.close();
			stopped.countDown();
		}, "local-stack-shutdown"));
		ServiceProperties services = resources.serviceProperties();
		String eventAgent = services.writeAgentProperties(dir.resolve("event-agent.properties"));
		services.writeSecondRegionAgentProperties(
				dir.resolve("event-agent-" + LocalResources.SECOND_REGION + ".properties"));
		String api = services.writeApiAgentProperties(dir.resolve("api-agent.properties"));
		String console = services.writeConsoleProperties(dir.resolve("console.properties"));
		if (!options.get("--samples").isEmpty()) {
			writeSamples(Path.of(options.get("--samples")));
		}
		Properties stack = servers.addresses();
		resources.addTo(stack);
		stack.setProperty("event-agent.base-uri", eventAgent);
		stack.setProperty("api.base-uri", api);
		stack.setProperty("console.base-uri", console);
		stack.setProperty("stack.pid", Long.toString(ProcessHandle.current().pid()));
		writeAtomically(properties, stack);
		ClamdServer clamd = servers.clamd();
		System.out.println("Local stack ready in " + (System.nanoTime() - started) / 1_000_000 + " ms: clamd "
				+ clamd.version() + " on " + clamd.host() + ":" + clamd.port() + " and " + clamd.socket());
		System.out.println("S3 (S3Mock) " + servers.s3().endpoint() + ", SQS (ElasticMQ) " + servers.sqs().endpoint()
				+ ", DynamoDB (DynamoDB Local) " + servers.dynamoDb().endpoint() + ", region " + AwsEmulator.REGION);
		System.out.println("OIDC (mock-oauth2-server for Cognito) issuer " + servers.oidc().issuerUri()
				+ ", sign in as " + OidcUser.ADMIN.username() + " or " + OidcUser.VIEWER.username());
		System.out.println("Protected bucket " + LocalResources.PROTECTED_BUCKET + " (write through the S3 event relay "
				+ stack.getProperty("s3.relay-endpoint") + "), quarantine bucket " + LocalResources.QUARANTINE_BUCKET);
		System.out.println("Second region " + LocalResources.SECOND_REGION + ": S3 through its relay "
				+ stack.getProperty("regions.second.s3.relay-endpoint") + " (buckets created there are in "
				+ LocalResources.SECOND_REGION + "), quarantine bucket " + LocalResources.SECOND_QUARANTINE_BUCKET);
		System.out
			.println("Addresses in " + properties + "; stop with Ctrl-C or kill " + ProcessHandle.current().pid());
		stopped.await();
	}

	private static void writeSamples(Path dir) {
		try {
			Files.createDirectories(dir);
			for (Map.Entry<String, byte[]> sample : Samples.demoSet().entrySet()) {
				Files.write(dir.resolve(sample.getKey()), sample.getValue());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write samples to " + dir, ex);
		}
	}

	/** Readers poll for the file: it must appear complete or not at all. */
	private static void writeAtomically(Path file, Properties properties) {
		try {
			Path temp = file.resolveSibling(file.getFileName() + ".tmp");
			try (Writer writer = Files.newBufferedWriter(temp)) {
				properties.store(writer, "BucketWarden local stack");
			}
			Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// a stale file is overwritten at the next start
		}
	}

}
