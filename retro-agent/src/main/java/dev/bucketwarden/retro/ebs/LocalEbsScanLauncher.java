package dev.bucketwarden.retro.ebs;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.jobs.launch.LocalProcesses;
import dev.bucketwarden.retro.worker.LauncherProperties;

/**
 * Runs the scan of a snapshot as a local process over the directory that stands in for it
 * ({@code bucketwarden.retro.ebs.local-snapshots.<snapshot-id>}): the same program (this
 * JVM's java, this jar or class path) with the command an ECS task gets, and the settings
 * this process got. A snapshot with no directory is refused: there is nothing to mount.
 */
public class LocalEbsScanLauncher implements EbsScanLauncher {

	private static final Logger logger = LoggerFactory.getLogger(LocalEbsScanLauncher.class);

	private final Map<String, Path> snapshots;

	private final LauncherProperties.Local settings;

	private final List<String> inherited;

	private final String mainClass;

	/**
	 * @param snapshots each snapshot id's directory
	 * @param settings the local processes' heap, extra arguments and log directory (as
	 * the workers')
	 * @param inherited arguments of this process to pass on (its settings)
	 * @param mainClass the agent's main class, for a process started from a class path
	 */
	public LocalEbsScanLauncher(Map<String, Path> snapshots, LauncherProperties.Local settings, List<String> inherited,
			Class<?> mainClass) {
		this.snapshots = Map.copyOf(snapshots);
		this.settings = settings;
		this.inherited = List.copyOf(inherited);
		this.mainClass = mainClass.getName();
	}

	@Override
	public String launch(String jobId, String snapshotId) {
		Path directory = this.snapshots.get(snapshotId);
		if (directory == null) {
			throw new IllegalStateException("No directory stands in for snapshot " + snapshotId
					+ " (bucketwarden.retro.ebs.local-snapshots." + snapshotId + "=DIR)");
		}
		if (!Files.isDirectory(directory)) {
			throw new IllegalStateException(
					"The directory of snapshot " + snapshotId + ", " + directory + ", is not a directory");
		}
		@Nullable Path log = (this.settings.logDirectory() != null)
				? Path.of(this.settings.logDirectory()).resolve("ebs-" + jobId + ".log") : null;
		try {
			long pid = LocalProcesses.start(command(jobId, directory), log);
			logger.info("Job {}: scanning snapshot {} ({}) in process {}", jobId, snapshotId, directory, pid);
			return "local process " + pid;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the scan of snapshot " + snapshotId + ": " + ex.getMessage(),
					ex);
		}
	}

	List<String> command(String jobId, Path directory) {
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
		command.addAll(EbsScanLauncher.command(jobId, directory.toAbsolutePath().toString()));
		command.addAll(this.inherited);
		command.addAll(this.settings.arguments());
		return command;
	}

}
