package dev.bucketwarden.engine.premium;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.bucketwarden.engine.spi.EngineException;

/**
 * Runs the {@code yara} command line tool (Debian's {@code yara}) with the configured
 * rules over a spooled copy of the content. Each output line {@code RULE FILE} is a
 * match, reported as {@code YARA.RULE}. A failing or hanging yara is an engine failure,
 * never clean.
 */
final class Yara {

	/** yara's output is rule names; more than this is not plausible. */
	private static final int MAX_OUTPUT = 1 << 20;

	private final Path command;

	private final Path rules;

	private final boolean compiled;

	private final Duration timeout;

	Yara(Path command, Path rules, boolean compiled, Duration timeout) {
		if (!Files.isExecutable(command)) {
			throw new IllegalArgumentException("yara-command " + command
					+ " is not an executable file (Debian: apt-get install yara; bin/setup installs it)");
		}
		if (!Files.isReadable(rules)) {
			throw new IllegalArgumentException("yara-rules " + rules + " cannot be read");
		}
		this.command = command;
		this.rules = rules;
		this.compiled = compiled;
		this.timeout = timeout;
	}

	/** The rules' file name and modification time, for the engine's version. */
	String version() {
		try {
			return this.rules.getFileName() + "@" + Files.getLastModifiedTime(this.rules).toInstant();
		}
		catch (IOException ex) {
			return this.rules.getFileName().toString();
		}
	}

	List<String> scan(Path file) {
		List<String> arguments = new ArrayList<>(List.of(this.command.toString(), "--no-warnings",
				"--timeout=" + Math.max(1, this.timeout.toSeconds())));
		if (this.compiled) {
			arguments.add("--compiled-rules");
		}
		arguments.add(this.rules.toString());
		arguments.add(file.toString());
		Process process;
		try {
			process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw EngineException.unavailable("Cannot run yara: " + ex.getMessage(), ex);
		}
		try {
			process.getOutputStream().close();
			CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()),
					Thread::startVirtualThread);
			if (!process.waitFor(this.timeout.toMillis() + 5000, TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw EngineException.timeout("yara did not finish within " + this.timeout, null);
			}
			String text = output.get(5, TimeUnit.SECONDS);
			if (process.exitValue() != 0) {
				throw EngineException.engineFailure("yara exited with " + process.exitValue() + ": " + text.strip());
			}
			return matches(text, file);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw EngineException.timeout("Interrupted while yara ran", ex);
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | IOException ex) {
			process.destroyForcibly();
			throw EngineException.engineFailure("Reading yara's output failed: " + ex);
		}
	}

	static List<String> matches(String output, Path file) {
		List<String> names = new ArrayList<>();
		for (String line : output.split("\n")) {
			String stripped = line.strip();
			if (stripped.isEmpty()) {
				continue;
			}
			if (!stripped.endsWith(file.toString())) {
				// yara reports problems (for example "error scanning") on stdout too.
				throw EngineException.protocol("Unexpected yara output: " + stripped);
			}
			names.add("YARA." + stripped.split("\\s+", 2)[0]);
		}
		return names;
	}

	private static String read(InputStream in) {
		try {
			return new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
