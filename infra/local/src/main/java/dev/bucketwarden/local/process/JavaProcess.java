package dev.bucketwarden.local.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM whose output goes to a log file in its work directory, beside its command
 * line (for running it again by hand when something is odd). It is stopped on
 * {@link #close()} (SIGTERM, then SIGKILL if it has not exited within ten seconds) and by
 * a shutdown hook if our JVM ends first, so no emulator outlives the test run or the
 * local stack that started it.
 */
public final class JavaProcess implements ChildProcess {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final String name;

	private final Process process;

	private final Path log;

	private final Thread shutdownHook;

	private JavaProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.shutdownHook = new Thread(process::destroyForcibly, name + "-shutdown-" + process.pid());
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Starts the command in {@code workDir}, with its output in {@code workDir/NAME.log}
	 * and the command in {@code workDir/NAME.command}, one argument a line, after the
	 * environment variables it sets ({@code NAME=value}, one a line).
	 */
	public static JavaProcess start(String name, JavaCommand command, Path workDir) {
		Path log = workDir.resolve(name + ".log");
		try {
			Files.createDirectories(workDir);
			List<String> lines = new ArrayList<>();
			command.environment().forEach((variable, value) -> lines.add(variable + "=" + value));
			lines.addAll(command.toList());
			Files.writeString(workDir.resolve(name + ".command"), String.join("\n", lines) + "\n");
			ProcessBuilder builder = new ProcessBuilder(command.toList()).directory(workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().putAll(command.environment());
			Process process = builder.start();
			return new JavaProcess(name, process, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + name + " in " + workDir, ex);
		}
	}

	@Override
	public long pid() {
		return this.process.pid();
	}

	@Override
	public boolean isAlive() {
		return this.process.isAlive();
	}

	public Path log() {
		return this.log;
	}

	/** The last lines of the log, for failure messages. */
	public String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(no log at " + this.log + ")";
		}
	}

	/**
	 * Fails unless the process is still running; the message carries the log's tail.
	 */
	public void checkAlive() {
		if (!this.process.isAlive()) {
			String tail = logTail();
			throw new ChildExitedException(this.name + " exited with status " + this.process.exitValue()
					+ "; the end of " + this.log + ":\n" + tail, tail.contains("Address already in use"));
		}
	}

	/** Kills the process at once (SIGKILL), as a crash would: for failure tests. */
	public void kill() {
		this.process.destroyForcibly();
		waitForExit(STOP_TIMEOUT);
	}

	/** Stops the process gracefully, forcibly if it does not stop in time. */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!waitForExit(STOP_TIMEOUT)) {
				this.process.destroyForcibly();
				waitForExit(STOP_TIMEOUT);
			}
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down; the hook is running or has run
		}
	}

	private boolean waitForExit(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public String toString() {
		return this.name + " (pid " + pid() + ")";
	}

}
