package dev.bucketwarden.retro.schedule;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.jobs.launch.LocalProcesses;

/**
 * Runs a scheduled job of a further region as a local process of this program
 * ({@code run JOB}) with the scheduler's settings, the region's retro queue, its S3
 * endpoint (the local stack's relay of the region) and its name on the records, each
 * replacing the setting it overrides (Spring would join two values of one option): what
 * the console's local launcher of a further region does.
 */
class LocalRegionLauncher implements RegionLauncher {

	private final String region;

	private final String heap;

	private final List<String> arguments;

	private final @Nullable String logDirectory;

	private final String mainClass;

	/**
	 * @param inherited the scheduler's own arguments (its settings)
	 * @param mainClass the agent's main class, for a process started from a class path
	 */
	LocalRegionLauncher(ScheduleProperties.Region region, String heap, List<String> inherited,
			@Nullable String logDirectory, Class<?> mainClass) {
		this.region = region.name();
		this.heap = heap;
		this.logDirectory = logDirectory;
		this.mainClass = mainClass.getName();
		Map<String, String> overrides = new LinkedHashMap<>();
		overrides.put("bucketwarden.results.region", region.name());
		if (region.retroQueueUrl() != null) {
			overrides.put("bucketwarden.retro.queue", region.retroQueueUrl());
		}
		if (region.s3Endpoint() != null) {
			overrides.put("spring.cloud.aws.s3.endpoint", region.s3Endpoint());
		}
		List<String> arguments = new ArrayList<>(inherited.stream()
			.filter((argument) -> overrides.keySet().stream().noneMatch((key) -> argument.startsWith("--" + key + "=")))
			.toList());
		overrides.forEach((key, value) -> arguments.add("--" + key + "=" + value));
		this.arguments = List.copyOf(arguments);
	}

	@Override
	public String launch(String jobId) {
		Path log = (this.logDirectory != null)
				? Path.of(this.logDirectory).resolve("retro-run-" + jobId + "-" + this.region + ".log") : null;
		try {
			return "local process " + LocalProcesses.start(command(jobId), log) + " for " + this.region;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the retro agent for " + this.region + ": " + ex.getMessage(),
					ex);
		}
	}

	List<String> command(String jobId) {
		List<String> command = new ArrayList<>();
		command.add(LocalProcesses.currentJava());
		command.add("-Xmx" + this.heap);
		String classpath = System.getProperty("java.class.path");
		if (classpath.endsWith(".jar") && !classpath.contains(File.pathSeparator)) {
			command.add("-jar");
			command.add(classpath);
		}
		else {
			command.add("-cp");
			command.add(classpath);
			command.add(this.mainClass);
		}
		command.add("run");
		command.add(jobId);
		command.addAll(this.arguments);
		return command;
	}

}
