package dev.bucketwarden.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The event agent as production runs it: its executable jar in a JVM of its own, with its
 * settings as command-line properties and its log in a file. Stopped by its PID on
 * {@link #close()} (SIGTERM, which lets it finish scans in flight, then SIGKILL after 30
 * s) and by a shutdown hook if the benchmark ends first.
 */
public final class AgentProcess implements AutoCloseable {

	private static final long STOP_SECONDS = 30;

	private final Process process;

	private final Path log;

	private final Thread shutdownHook;

	private final Instant started;

	private AgentProcess(Process process, Path log, Instant started) {
		this.process = process;
		this.log = log;
		this.started = started;
		this.shutdownHook = new Thread(process::destroyForcibly, "event-agent-shutdown-" + process.pid());
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Starts the agent.
	 * @param jar the agent's executable jar
	 * @param jvmOptions options for its JVM ({@code -Xmx512m})
	 * @param properties its Spring properties
	 * @param log where its output goes
	 */
	public static AgentProcess start(Path jar, List<String> jvmOptions, Map<String, String> properties, Path log) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-XX:+ExitOnOutOfMemoryError");
		// Never ask for EC2 instance metadata: the credentials are the stack's fake ones.
		command.add("-Daws.disableEc2Metadata=true");
		command.add("-jar");
		command.add(jar.toString());
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		try {
			Files.createDirectories(log.getParent());
			Files.writeString(log.resolveSibling(log.getFileName() + ".command"), String.join("\n", command) + "\n");
			Instant started = Instant.now();
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new AgentProcess(process, log, started);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the event agent " + jar, ex);
		}
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** When the JVM was launched. */
	public Instant started() {
		return this.started;
	}

	/**
	 * The CPU the whole process used so far, in seconds ({@code /proc/PID/stat}, threads
	 * that ended included), or NaN without {@code /proc}.
	 */
	public double cpuSeconds() {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
			// utime and stime, in clock ticks (hundredths of a second on Linux)
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	/**
	 * Stops the JVM with SIGTERM and waits for it to end, longer than {@link #close()}
	 * does: a JVM that writes an AOT cache at exit assembles it in a child JVM first.
	 * @param timeout the longest wait
	 * @return whether it ended in time (it is killed otherwise)
	 */
	public boolean stop(Duration timeout) {
		this.process.destroy();
		return awaitExit(timeout);
	}

	/**
	 * Waits for the JVM to end by itself.
	 * @param timeout the longest wait
	 * @return whether it ended in time (it is killed otherwise)
	 */
	public boolean awaitExit(Duration timeout) {
		try {
			if (this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				return true;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		close();
		return false;
	}

	/**
	 * Kills the JVM at once (SIGKILL), as a crash or an OOM kill would, and waits for it
	 * to be gone.
	 */
	public void kill() {
		this.process.destroyForcibly();
		waitForExit();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// shutting down: the hook runs anyway
		}
	}

	public Path log() {
		return this.log;
	}

	/** The agent's log so far. */
	public List<String> logLines() {
		try {
			return Files.readAllLines(this.log);
		}
		catch (IOException | UncheckedIOException ex) {
			return List.of();
		}
	}

	/** The last lines of the log, for failure messages. */
	public String logTail() {
		List<String> lines = logLines();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
	}

	/** Fails unless the agent still runs; the message carries its log's tail. */
	public void checkAlive() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("The event agent exited with status " + this.process.exitValue()
					+ "; the end of " + this.log + ":\n" + logTail());
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!waitForExit()) {
				this.process.destroyForcibly();
				waitForExit();
			}
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// shutting down: the hook runs anyway
		}
	}

	private boolean waitForExit() {
		try {
			return this.process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
