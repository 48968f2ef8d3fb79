package dev.bucketwarden.console.retro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.console.regions.RegionsProperties;
import dev.bucketwarden.jobs.launch.LocalProcesses;

/**
 * Runs the retro agent's jar as a local process
 * ({@code java -jar retro-agent.jar run JOB} with the configured settings), which
 * outlives the request and exits when the job's crawl is done; its workers are its own
 * child processes.
 */
class LocalJobLauncher implements JobLauncher {

	private static final Logger logger = LoggerFactory.getLogger(LocalJobLauncher.class);

	private final ConsoleRetroProperties.Local settings;

	private final String logSuffix;

	LocalJobLauncher(ConsoleRetroProperties.Local settings) {
		this(settings, "");
	}

	private LocalJobLauncher(ConsoleRetroProperties.Local settings, String region) {
		if (settings.jar() == null) {
			throw new IllegalArgumentException("bucketwarden.console.retro.local.jar is needed for the LOCAL launcher");
		}
		this.settings = settings;
		this.logSuffix = region.isEmpty() ? "" : "-" + region;
	}

	@Override
	public String launch(String jobId) {
		if (!Files.isRegularFile(this.settings.jar())) {
			throw new IllegalStateException("The retro agent's jar " + this.settings.jar().toAbsolutePath()
					+ " does not exist: build it (./mvnw package -pl retro-agent -am)");
		}
		Path log = (this.settings.logDirectory() != null)
				? this.settings.logDirectory().resolve("retro-run-" + jobId + this.logSuffix + ".log") : null;
		try {
			long pid = LocalProcesses.start(command(jobId), log);
			logger.info("Started the retro agent for job {}: pid {}", jobId, pid);
			return "local process " + pid;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the retro agent: " + ex.getMessage(), ex);
		}
	}

	List<String> command(String jobId) {
		List<String> command = new ArrayList<>();
		command.add((this.settings.java() != null) ? this.settings.java() : LocalProcesses.currentJava());
		command.add("-Xmx" + this.settings.heap());
		command.add("-jar");
		command.add(this.settings.jar().toAbsolutePath().toString());
		command.add("run");
		command.add(jobId);
		command.addAll(this.settings.arguments());
		return command;
	}

	/**
	 * The launcher of a further region: the same jar and settings, with the region's
	 * retro queue, its S3 endpoint (the local stack's relay of the region) and its name
	 * on the records, each replacing the setting it overrides (Spring would join two
	 * values of one option).
	 */
	LocalJobLauncher forRegion(RegionsProperties.Region region) {
		Map<String, String> overrides = new LinkedHashMap<>();
		overrides.put("bucketwarden.results.region", region.name());
		if (region.retroQueueUrl() != null) {
			overrides.put("bucketwarden.retro.queue", region.retroQueueUrl());
		}
		if (region.s3Endpoint() != null) {
			overrides.put("spring.cloud.aws.s3.endpoint", region.s3Endpoint().toString());
		}
		List<String> arguments = new ArrayList<>(this.settings.arguments()
			.stream()
			.filter((argument) -> overrides.keySet().stream().noneMatch((key) -> argument.startsWith("--" + key + "=")))
			.toList());
		overrides.forEach((key, value) -> arguments.add("--" + key + "=" + value));
		return new LocalJobLauncher(new ConsoleRetroProperties.Local(this.settings.jar(), this.settings.java(),
				this.settings.heap(), arguments, this.settings.logDirectory()), region.name());
	}

	@Override
	public String describe() {
		Path jar = this.settings.jar();
		return "local process: java -jar " + jar + " run JOB";
	}

}
