package dev.bucketwarden.console.retro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	LocalJobLauncher(ConsoleRetroProperties.Local settings) {
		if (settings.jar() == null) {
			throw new IllegalArgumentException("bucketwarden.console.retro.local.jar is needed for the LOCAL launcher");
		}
		this.settings = settings;
	}

	@Override
	public String launch(String jobId) {
		if (!Files.isRegularFile(this.settings.jar())) {
			throw new IllegalStateException("The retro agent's jar " + this.settings.jar().toAbsolutePath()
					+ " does not exist: build it (./mvnw package -pl retro-agent -am)");
		}
		Path log = (this.settings.logDirectory() != null)
				? this.settings.logDirectory().resolve("retro-run-" + jobId + ".log") : null;
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

	@Override
	public String describe() {
		Path jar = this.settings.jar();
		return "local process: java -jar " + jar + " run JOB";
	}

}
