package dev.bucketwarden.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.bucketwarden.local.oidc.OidcServer;
import dev.bucketwarden.local.s3events.S3EventRelay;
import dev.bucketwarden.local.support.AwsEmulator;
import dev.bucketwarden.local.support.FreePorts;

/**
 * The services' Spring properties files for the running local stack: what each service
 * needs to find the stack's servers, queues and tables, with the settings infra/aws gives
 * it in AWS (trusted topic and region, the console's retro launcher) in their local form.
 */
final class ServiceProperties {

	private final StackServers servers;

	private final S3EventRelay relay;

	private final String scanQueue;

	private final String findingsQueue;

	private final String largeObjectQueue;

	private final LocalResources.SecondRegion second;

	ServiceProperties(StackServers servers, S3EventRelay relay, String scanQueue, String findingsQueue,
			String largeObjectQueue, LocalResources.SecondRegion second) {
		this.servers = servers;
		this.second = second;
		this.relay = relay;
		this.scanQueue = scanQueue;
		this.findingsQueue = findingsQueue;
		this.largeObjectQueue = largeObjectQueue;
	}

	/**
	 * The event agent's configuration for this stack, as a Spring properties file. Unlike
	 * its default (no web server), it serves its actuator on a free port of 127.0.0.1, so
	 * that its health and metrics ({@code /actuator/prometheus}) can be read locally.
	 * @return the event agent's base URI
	 */
	String writeAgentProperties(Path file) {
		int port = FreePorts.next();
		Map<String, String> agent = common();
		agent.put("spring.main.web-application-type", "servlet");
		agent.put("server.address", "127.0.0.1");
		agent.put("server.port", Integer.toString(port));
		agent.put("bucketwarden.event-agent.queue", LocalResources.SCAN_QUEUE);
		agent.put("bucketwarden.event-agent.max-attempts", Integer.toString(LocalResources.MAX_RECEIVES));
		// As in infra/aws: a clamd restart does not burn the attempts of waiting
		// messages.
		agent.put("bucketwarden.event-agent.pause-intake", "UNREACHABLE");
		agent.put("bucketwarden.buckets.defaults.remediation", "QUARANTINE");
		agent.put("bucketwarden.buckets.defaults.quarantine-bucket", LocalResources.QUARANTINE_BUCKET);
		// Bucket settings changed in the console reach the agent within this interval.
		agent.put("bucketwarden.settings.table", LocalResources.SETTINGS_TABLE);
		agent.put("bucketwarden.settings.refresh-interval", "5s");
		// As in AWS: events only from the stack's topic (or sent straight to the queue,
		// as
		// the console's rescans are) and for its region.
		agent.put("bucketwarden.trust.topic-arns", this.relay.scanTopicArn());
		agent.put("bucketwarden.trust.allowed-regions", AwsEmulator.REGION);
		write(file, "The event agent's settings for the running local stack.", agent);
		return "http://127.0.0.1:" + port;
	}

	/**
	 * The second region's event agent, as that region's agents run in AWS: its region,
	 * its scan queue, trusting only its region's topic and region, quarantining into its
	 * region's quarantine bucket, recording into the central tables. No web server.
	 */
	void writeSecondRegionAgentProperties(Path file) {
		Map<String, String> agent = common();
		agent.put("spring.cloud.aws.region.static", LocalResources.SECOND_REGION);
		agent.put("bucketwarden.results.region", LocalResources.SECOND_REGION);
		agent.put("bucketwarden.event-agent.queue", this.second.scanQueue().queue());
		agent.put("bucketwarden.event-agent.max-attempts", Integer.toString(LocalResources.MAX_RECEIVES));
		agent.put("bucketwarden.event-agent.pause-intake", "UNREACHABLE");
		agent.put("bucketwarden.buckets.defaults.remediation", "QUARANTINE");
		agent.put("bucketwarden.buckets.defaults.quarantine-bucket", LocalResources.SECOND_QUARANTINE_BUCKET);
		agent.put("bucketwarden.settings.table", LocalResources.SETTINGS_TABLE);
		agent.put("bucketwarden.settings.refresh-interval", "5s");
		agent.put("bucketwarden.trust.topic-arns", this.second.relay().scanTopicArn());
		agent.put("bucketwarden.trust.allowed-regions", LocalResources.SECOND_REGION);
		// Its parts would go to the console region's large-object queue: none here.
		agent.remove("bucketwarden.large-objects.queue-url");
		agent.remove("bucketwarden.large-objects.max-attempts");
		write(file, "The second region's event agent's settings for the running local stack.", agent);
	}

	/**
	 * The API agent's configuration for this stack: on a free port of 127.0.0.1, tokens
	 * from the stack's OIDC server, clean uploads stored in
	 * {@link LocalResources#API_BUCKET}.
	 * @return the API's base URI
	 */
	String writeApiAgentProperties(Path file) {
		int port = FreePorts.next();
		Map<String, String> agent = common();
		agent.put("server.address", "127.0.0.1");
		agent.put("server.port", Integer.toString(port));
		agent.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", this.servers.oidc().issuerUri().toString());
		agent.put("bucketwarden.api.upload-buckets", LocalResources.API_BUCKET);
		write(file, "The API agent's settings for the running local stack.", agent);
		return "http://127.0.0.1:" + port;
	}

	/**
	 * The console's configuration for this stack: on a free port of 127.0.0.1, signing in
	 * through the stack's OIDC server, and wiring the buckets it protects to the scan
	 * topic through the relay's bucket notification API, as it does in AWS.
	 * @return the console's base URI
	 */
	String writeConsoleProperties(Path file) {
		int port = FreePorts.next();
		Map<String, String> console = common();
		console.put("server.address", "127.0.0.1");
		console.put("server.port", Integer.toString(port));
		// Plain HTTP on the loopback interface only; in AWS the session cookie is Secure.
		console.put("server.servlet.session.cookie.secure", "false");
		console.put("bucketwarden.console.issuer-uri", this.servers.oidc().issuerUri().toString());
		console.put("bucketwarden.console.client-id", OidcServer.CONSOLE_CLIENT_ID);
		console.put("bucketwarden.console.client-secret", OidcServer.CLIENT_SECRET);
		console.put("bucketwarden.console.settings-table", LocalResources.SETTINGS_TABLE);
		console.put("bucketwarden.console.scan-queue-url", this.scanQueue);
		// S3Mock has no bucket notification API: the console reaches S3 through the
		// relay, which keeps the configurations and raises the events.
		console.put("spring.cloud.aws.s3.endpoint", this.relay.endpoint().toString());
		console.put("bucketwarden.console.notification-target", this.relay.scanTopicArn());
		// The second region: buckets created through its relay are in it, and the console
		// wires them to its topic through its relay.
		console.put("bucketwarden.console.regions[0].name", LocalResources.SECOND_REGION);
		console.put("bucketwarden.console.regions[0].notification-target", this.second.relay().scanTopicArn());
		console.put("bucketwarden.console.regions[0].s3-endpoint", this.second.relay().endpoint().toString());
		console.put("bucketwarden.console.regions[0].retro-queue-url", this.second.retroQueue().queue());
		// Retro scans started in the console run the retro agent's jar (bin/demo builds
		// it; the
		// path is relative to the repository, where bin/demo starts the console) with
		// this
		// stack's addresses: `run JOB` starts a worker process and crawls.
		Path state = file.toAbsolutePath().getParent();
		console.put("bucketwarden.console.retro.jobs-table", LocalResources.JOBS_TABLE);
		console.put("bucketwarden.console.retro.launcher", "LOCAL");
		console.put("bucketwarden.console.retro.local.jar", "retro-agent/target/retro-agent.jar");
		console.put("bucketwarden.console.retro.local.log-directory", state.toString());
		console.put("bucketwarden.console.retro.local.arguments[0]", "--stack=" + state.resolve(LocalStack.PROPERTIES));
		console.put("bucketwarden.console.retro.local.arguments[1]",
				"--bucketwarden.retro.launcher.local.log-directory=" + state);
		console.put("bucketwarden.console.retro.local.arguments[2]", "--bucketwarden.retro.worker.idle-time=3s");
		write(file, "The console's settings for the running local stack.", console);
		return "http://127.0.0.1:" + port;
	}

	private Map<String, String> common() {
		Map<String, String> agent = new LinkedHashMap<>();
		agent.put("spring.cloud.aws.region.static", AwsEmulator.REGION);
		agent.put("spring.cloud.aws.credentials.access-key", AwsEmulator.ACCESS_KEY_ID);
		agent.put("spring.cloud.aws.credentials.secret-key", AwsEmulator.SECRET_ACCESS_KEY);
		agent.put("spring.cloud.aws.s3.endpoint", this.servers.s3().endpoint().toString());
		agent.put("spring.cloud.aws.s3.path-style-access-enabled", "true");
		agent.put("spring.cloud.aws.sqs.endpoint", this.servers.sqs().endpoint().toString());
		agent.put("spring.cloud.aws.dynamodb.endpoint", this.servers.dynamoDb().endpoint().toString());
		agent.put("bucketwarden.engines.clamav.host", this.servers.clamd().host());
		agent.put("bucketwarden.engines.clamav.port", Integer.toString(this.servers.clamd().port()));
		agent.put("bucketwarden.engines.clamav.stream-max-length", "300MB");
		agent.put("bucketwarden.results.table", LocalResources.RESULTS_TABLE);
		agent.put("bucketwarden.findings.queue-url", this.findingsQueue);
		// Objects over the engine's limit become jobs of parts on this queue, which the
		// event agent consumes (docs/large-objects.md).
		agent.put("bucketwarden.large-objects.queue-url", this.largeObjectQueue);
		agent.put("bucketwarden.large-objects.max-attempts", Integer.toString(LocalResources.MAX_RECEIVES));
		return agent;
	}

	private static void write(Path file, String comment, Map<String, String> properties) {
		StringBuilder text = new StringBuilder("# " + comment + "\n");
		properties.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
		try {
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

}
