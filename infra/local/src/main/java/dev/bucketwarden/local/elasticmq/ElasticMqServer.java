package dev.bucketwarden.local.elasticmq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.local.process.EmulatorClasspath;
import dev.bucketwarden.local.process.EmulatorServer;
import dev.bucketwarden.local.process.JavaCommand;
import dev.bucketwarden.local.process.JavaProcess;
import dev.bucketwarden.local.process.Readiness;
import dev.bucketwarden.local.support.AwsEmulator;

/**
 * ElasticMQ's server ({@code org.elasticmq.server.Main}) in a child JVM, serving the SQS
 * API on 127.0.0.1 at a free port, with the queues of its options created from a
 * generated configuration file. Messages live in memory.
 */
public final class ElasticMqServer extends EmulatorServer<JavaProcess> implements AwsEmulator {

	private static final Logger logger = LoggerFactory.getLogger(ElasticMqServer.class);

	private static final String MAIN = "org.elasticmq.server.Main";

	private final ElasticMqOptions options;

	private ElasticMqServer(ElasticMqOptions options, int port, JavaProcess process) {
		super(port, process);
		this.options = options;
	}

	/** Starts ElasticMQ and returns once it lists all its queues. */
	public static ElasticMqServer start(ElasticMqOptions options) {
		EmulatorClasspath classpath = EmulatorClasspath.of("elasticmq");
		Path workDir = options.workDir().toAbsolutePath();
		long started = System.nanoTime();
		ElasticMqServer server = start((port) -> {
			Path config = writeConfig(workDir, ElasticMqConfig.render(HOST, port, REGION, options.queues()));
			JavaCommand command = JavaCommand.of(options.heap(), classpath.entries(), MAIN)
				.withOptions("-Dconfig.file=" + config, "-Djava.io.tmpdir=" + workDir);
			return new ElasticMqServer(options, port, JavaProcess.start("elasticmq", command, workDir));
		}, EmulatorServer::childPortTaken);
		logger.info("ElasticMQ on {} (pid {}) with {} queues in {} ms", server.endpoint(), server.pid(),
				options.queueNames().size(), (System.nanoTime() - started) / 1_000_000);
		return server;
	}

	@Override
	public URI endpoint() {
		return URI.create(httpRoot());
	}

	/** The URL of a queue of this server, such as one of its options. */
	public String queueUrl(String name) {
		return endpoint() + "/" + ElasticMqConfig.ACCOUNT_ID + "/" + name;
	}

	public ElasticMqOptions options() {
		return this.options;
	}

	@Override
	protected void awaitReady() {
		URI listQueues = endpoint().resolve("/?Action=ListQueues");
		Readiness.await(process(), this.options.startTimeout(), "all queues listed", () -> {
			String body = Readiness.send(Readiness.get(listQueues)).body();
			return this.options.queueNames().stream().allMatch((name) -> body.contains(queueUrl(name) + "<"));
		});
	}

	private static Path writeConfig(Path workDir, String config) {
		Path file = workDir.resolve("elasticmq.conf");
		try {
			Files.createDirectories(workDir);
			Files.writeString(file, config);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

}
