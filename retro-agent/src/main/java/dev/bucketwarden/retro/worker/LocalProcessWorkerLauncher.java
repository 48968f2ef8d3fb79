package dev.bucketwarden.retro.worker;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.jobs.launch.LocalProcesses;

/**
 * Starts workers as local processes: the same program (this JVM's java, this jar or
 * classpath) with the {@code worker} command, the job id, and the settings this process
 * got. They run on after this process ends and exit when idle.
 */
public class LocalProcessWorkerLauncher implements WorkerLauncher {

	private static final Logger logger = LoggerFactory.getLogger(LocalProcessWorkerLauncher.class);

	private final LauncherProperties.Local settings;

	private final List<String> inherited;

	private final String mainClass;

	/**
	 * @param inherited arguments of this process to pass on (its settings)
	 */
	/**
	 * @param mainClass the agent's main class, for a worker started from a class path
	 * rather than the agent's jar (tests); passed in, so that the workers do not depend
	 * on the application that wires them
	 */
	public LocalProcessWorkerLauncher(LauncherProperties.Local settings, List<String> inherited, Class<?> mainClass) {
		this.settings = settings;
		this.mainClass = mainClass.getName();
		this.inherited = List.copyOf(inherited);
	}

	@Override
	public List<String> launch(String jobId, int count) {
		List<String> pids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Path log = (this.settings.logDirectory() != null)
					? Path.of(this.settings.logDirectory()).resolve("worker-" + jobId + "-" + i + ".log") : null;
			try {
				pids.add(Long.toString(LocalProcesses.start(command(jobId), log)));
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot start a retro worker: " + ex.getMessage(), ex);
			}
		}
		logger.info("Started {} local retro workers for job {}: pids {}", count, jobId, pids);
		return pids;
	}

	List<String> command(String jobId) {
		List<String> command = new ArrayList<>();
		command.add(LocalProcesses.currentJava());
		command.add("-Xmx" + this.settings.heap());
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
		command.add("worker");
		command.add("--job");
		command.add(jobId);
		command.addAll(this.inherited);
		command.addAll(this.settings.arguments());
		return command;
	}

}
