package dev.bucketwarden.local.elasticmq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.local.AwsEmulator;
import dev.bucketwarden.local.process.EmulatorClasspath;
import dev.bucketwarden.local.process.JavaCommand;
import dev.bucketwarden.local.process.JavaProcess;
import dev.bucketwarden.local.process.OnFreePort;
import dev.bucketwarden.local.process.Readiness;

/**
 * ElasticMQ's server ({@code org.elasticmq.server.Main}) in a child JVM, serving the SQS
 * API on 127.0.0.1 at a free port, with the queues of its options created from a
 * generated configuration file. Messages live in memory.
 */
public final class ElasticMqServer implements AwsEmulator {

	private static final Logger logger = LoggerFactory.getLogger(ElasticMqServer.class);

	private static final String HOST = "127.0.0.1";

	private static final String MAIN = "org.elasticmq.server.Main";

	private final ElasticMqOptions options;

	private final int port;

	private final JavaProcess process;

	private ElasticMqServer(ElasticMqOptions options, int port, JavaProcess process) {
		this.options = options;
		this.port = port;
		this.process = process;
	}

	/** Starts ElasticMQ and returns once it lists all its queues. */
	public static ElasticMqServer start(ElasticMqOptions options) {
		EmulatorClasspath classpath = EmulatorClasspath.of("elasticmq");
		Path workDir = options.workDir().toAbsolutePath();
		long started = System.nanoTime();
		ElasticMqServer server = OnFreePort.start((port) -> {
			Path config = writeConfig(workDir, ElasticMqConfig.render(HOST, port, REGION, options.queues()));
			JavaCommand command = JavaCommand.of(options.heap(), classpath.entries(), MAIN)
				.withOptions("-Dconfig.file=" + config, "-Djava.io.tmpdir=" + workDir);
			JavaProcess process = JavaProcess.start("elasticmq", command, workDir);
			ElasticMqServer candidate = new ElasticMqServer(options, port, process);
			try {
				candidate.awaitReady();
				return candidate;
			}
			catch (RuntimeException ex) {
				process.close();
				throw ex;
			}
		});
		logger.info("ElasticMQ on {} (pid {}) with {} queues in {} ms", server.endpoint(), server.pid(),
				options.queueNames().size(), (System.nanoTime() - started) / 1_000_000);
		return server;
	}

	@Override
	public URI endpoint() {
		return URI.create("http://" + HOST + ":" + this.port);
	}

	public int port() {
		return this.port;
	}

	/** The URL of a queue of this server, such as one of its options. */
	public String queueUrl(String name) {
		return endpoint() + "/" + ElasticMqConfig.ACCOUNT_ID + "/" + name;
	}

	public ElasticMqOptions options() {
		return this.options;
	}

	@Override
	public long pid() {
		return this.process.pid();
	}

	@Override
	public boolean isRunning() {
		return this.process.isAlive();
	}

	@Override
	public void close() {
		this.process.close();
	}

	private void awaitReady() {
		URI listQueues = endpoint().resolve("/?Action=ListQueues");
		Readiness.await(this.process, this.options.startTimeout(), "all queues listed", () -> {
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
