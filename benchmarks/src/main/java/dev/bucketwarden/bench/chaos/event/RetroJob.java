package dev.bucketwarden.bench.chaos.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.bucketwarden.bench.event.EventStack;
import dev.bucketwarden.local.LocalResources;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.aws.SqsQueues;

/**
 * The retro job of the run: {@code retro-agent.jar start --bucket B --workers 1} over the
 * bucket written before protection, with the event agents' settings (the same proxied
 * endpoints, engine, results table, findings queue and quarantine), its crawler and
 * worker in JVMs of their own while the rest of the run goes on. The crawler waits for
 * the job to finish and exits.
 */
final class RetroJob implements AutoCloseable {

	static final String QUEUE = "bucketwarden-retro";

	private final Process process;

	private final Path dir;

	private RetroJob(Process process, Path dir) {
		this.process = process;
		this.dir = dir;
	}

	/** Creates the jobs table and the retro queue (with its DLQ), then starts the job. */
	static RetroJob start(EventStack stack, Path jar, Map<String, String> agentSettings, String bucket, Path dir) {
		DynamoDbTables.createAndAwaitActive(stack.dynamo, LocalResources.jobsTable(), Duration.ofSeconds(30));
		String queue = SqsQueues.createWithDeadLetterQueue(stack.sqs, QUEUE, EventStack.MAX_ATTEMPTS).queue();
		Map<String, String> settings = new LinkedHashMap<>(agentSettings);
		settings.keySet().removeIf((key) -> key.startsWith("bucketwarden.event-agent."));
		settings.put("bucketwarden.retro.queue", queue);
		settings.put("bucketwarden.retro.jobs-table", LocalResources.jobsTable().tableName());
		settings.put("bucketwarden.retro.launcher.type", "LOCAL");
		settings.put("bucketwarden.retro.launcher.local.heap", EventChaosOptions.AGENT_HEAP);
		settings.put("bucketwarden.retro.launcher.local.log-directory", dir.toString());
		settings.put("bucketwarden.retro.worker.idle-time", "5s");
		settings.put("bucketwarden.retro.worker.retry-backoff", "2s");
		settings.put("bucketwarden.retro.worker.concurrency", "2");
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx" + EventChaosOptions.AGENT_HEAP, "-XX:+ExitOnOutOfMemoryError", "-Daws.disableEc2Metadata=true",
				"-jar", jar.toString(), "start", "--bucket", bucket, "--workers", "1"));
		settings.forEach((key, value) -> command.add("--" + key + "=" + value));
		try {
			Files.createDirectories(dir);
			Path log = dir.resolve("retro-start.log");
			Files.writeString(dir.resolve("retro-start.command"), String.join("\n", command) + "\n");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new RetroJob(process, dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the retro job", ex);
		}
	}

	boolean finished() {
		return !this.process.isAlive();
	}

	/** The crawler's exit status, or -1 while it runs. */
	int exitValue() {
		return this.process.isAlive() ? -1 : this.process.exitValue();
	}

	/** The crawler's and the workers' processes, by name, while they run. */
	Map<String, Long> pids() {
		Map<String, Long> pids = new LinkedHashMap<>();
		if (this.process.isAlive()) {
			pids.put("retro crawler", this.process.pid());
		}
		ProcessHandle.current()
			.descendants()
			.filter((child) -> child.info().arguments().map((args) -> List.of(args).contains("worker")).orElse(false))
			.forEach((worker) -> pids.put("retro worker", worker.pid()));
		return pids;
	}

	/** The last lines of the crawler's log, for failure messages. */
	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.dir.resolve("retro-start.log"));
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		ProcessHandle.current()
			.descendants()
			.filter((child) -> child.info().arguments().map((args) -> List.of(args).contains("worker")).orElse(false))
			.forEach(ProcessHandle::destroy);
		if (this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
			}
		}
	}

}
