package dev.bucketwarden.local.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A native server (clamd, c-icap) run as a child process with its output in a file:
 * started, awaited until it answers, restarted, killed as a crash would, and stopped by
 * PID on {@link #close()} or by a shutdown hook if the JVM ends first, so none outlives
 * the run that started it. With {@code descendants}, the processes it forks are stopped
 * too: when the main process is killed rather than stopped, nothing else would end them.
 */
public final class NativeProcess implements ChildProcess {

	private static final Duration STOP_WAIT = Duration.ofSeconds(10);

	private final String name;

	private final List<String> command;

	private final Path output;

	private final boolean descendants;

	private volatile Process process;

	private final Thread shutdownHook;

	private NativeProcess(String name, List<String> command, Path output, boolean descendants) {
		this.name = name;
		this.command = List.copyOf(command);
		this.output = output;
		this.descendants = descendants;
		this.process = launch();
		this.shutdownHook = new Thread(this::stop, name + "-shutdown-" + this.process.pid());
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Starts {@code command}, its standard output and error going to {@code output}.
	 * @param name what the process is, for messages
	 * @param descendants whether the processes it forks are stopped with it
	 */
	public static NativeProcess start(String name, List<String> command, Path output, boolean descendants) {
		return new NativeProcess(name, command, output, descendants);
	}

	@Override
	public long pid() {
		return this.process.pid();
	}

	@Override
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Returns once {@code answers} is true, checking every 100 ms.
	 * @param answers whether the server answers (false, or an
	 * {@link UncheckedIOException}, while it does not listen yet)
	 * @param logs files whose ends say why, if it does not
	 * @throws IllegalStateException if it exits or does not answer within the timeout
	 */
	public void awaitReady(Duration timeout, String check, BooleanSupplier answers, Path... logs) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				StringBuilder why = new StringBuilder(tail(this.output));
				for (Path log : logs) {
					why.append(tail(log));
				}
				throw new IllegalStateException(
						this.name + " exited with " + this.process.exitValue() + " before it was ready:\n" + why);
			}
			try {
				if (answers.getAsBoolean()) {
					return;
				}
			}
			catch (UncheckedIOException ex) {
				// not listening yet
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
			}
		}
		StringBuilder why = new StringBuilder();
		for (Path log : logs) {
			why.append(tail(log));
		}
		throw new IllegalStateException(this.name + " did not answer " + check + " within " + timeout + ":\n" + why);
	}

	/**
	 * Starts the same command again after {@link #kill()} or a crash, as a container
	 * restart would.
	 */
	public void restart() {
		if (this.process.isAlive()) {
			kill();
		}
		this.process = launch();
	}

	/**
	 * Kills it (and, with descendants, its children) at once (SIGKILL), as a crash would.
	 */
	public void kill() {
		List<ProcessHandle> children = this.descendants ? this.process.descendants().toList() : List.of();
		this.process.destroyForcibly();
		children.forEach(ProcessHandle::destroyForcibly);
		waitForExit(STOP_WAIT);
	}

	/** Stops it gracefully, forcibly if it does not stop within 10 seconds. */
	@Override
	public void close() {
		stop();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down; the hook is running or has run
		}
	}

	private void stop() {
		List<ProcessHandle> children = this.descendants ? this.process.descendants().toList() : List.of();
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!waitForExit(STOP_WAIT)) {
				this.process.destroyForcibly();
				waitForExit(STOP_WAIT);
			}
		}
		for (ProcessHandle child : children) {
			if (child.isAlive()) {
				child.destroy();
				try {
					child.onExit().get(5, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					child.destroyForcibly();
				}
			}
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

	private Process launch() {
		try {
			return new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(this.output.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + this.command.getFirst(), ex);
		}
	}

	/** The last 20 lines of a file, or nothing if it cannot be read. */
	public static String tail(Path file) {
		try {
			List<String> lines = Files.readAllLines(file);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())) + "\n";
		}
		catch (IOException ex) {
			return "";
		}
	}

}
