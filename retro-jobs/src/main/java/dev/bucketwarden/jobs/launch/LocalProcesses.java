package dev.bucketwarden.jobs.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts the retro agent as a local process that outlives its starter (a console request,
 * a runner that has finished crawling): its output, with its errors, goes to a log file
 * or is discarded, so that a full pipe never blocks it.
 */
public final class LocalProcesses {

	private LocalProcesses() {
	}

	/** The java command of this JVM, so that a started process runs on the same Java. */
	public static String currentJava() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	/**
	 * Starts the command.
	 * @param log where its output goes (its directory is created), or {@code null} to
	 * discard it
	 * @return its process id
	 * @throws IOException if it cannot be started
	 */
	public static long start(List<String> command, Path log) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (log != null) {
			Files.createDirectories(log.toAbsolutePath().getParent());
			builder.redirectOutput(log.toFile());
		}
		else {
			builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		}
		return builder.start().pid();
	}

}
