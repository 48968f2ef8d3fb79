package dev.bucketwarden.bench.event;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.bucketwarden.bench.support.AgentProcess;

/**
 * The JDK's AOT cache for the fresh agents ({@code --aot}): the agent's jar extracted to
 * a plain class path (an AOT cache holds classes from jars on the class path only, not
 * from the nested jars of an executable jar; the images have that layout too), and one
 * training run of it with {@code -XX:AOTCacheOutput} whose cache the {@code aot} fresh
 * agents use ({@code -XX:AOTCache}). JDK 25 caches loaded and linked classes (JEP 483)
 * and method profiles (JEP 515), not compiled code, so the JIT still compiles, from
 * profiles it need not gather first. Two trainings: {@code workload} scans objects, as a
 * running agent does; {@code startup} only starts the Spring context and exits
 * ({@code spring.context.exit=onRefresh}), what a build without a local stack can do.
 */
final class AotTraining {

	/**
	 * Longer than the 30 s of a plain stop: the JVM assembles the cache at exit (and a
	 * startup training's context took 5 minutes on two cores busy with other work).
	 */
	private static final Duration STOP_TIMEOUT = Duration.ofMinutes(15);

	private AotTraining() {
	}

	/** Extracts the executable jar into {@code dir}; answers the jar to run there. */
	static Path extract(Path executableJar, Path dir) {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Djarmode=tools", "-jar", executableJar.toString(), "extract", "--destination", dir.toString());
		Path jar = dir.resolve(executableJar.getFileName());
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(dir.resolveSibling(dir.getFileName() + ".log").toFile())
				.start();
			if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0 || !Files.isRegularFile(jar)) {
				process.destroyForcibly();
				throw new IllegalStateException("Could not extract " + executableJar + " into " + dir);
			}
			return jar;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while extracting " + executableJar, ex);
		}
	}

	/** The JVM options that make a training run write its cache at exit. */
	static List<String> trainingOptions(Path cache) {
		return List.of("-XX:AOTCacheOutput=" + cache);
	}

	/**
	 * The JVM options that use the cache: {@code AOTMode=on} fails the start on a cache
	 * that does not match (the default, {@code auto}, would go on without it and measure
	 * nothing).
	 */
	static List<String> useOptions(Path cache) {
		return List.of("-XX:AOTMode=on", "-XX:AOTCache=" + cache);
	}

	/**
	 * The {@code startup} training: the agent starts its Spring context and exits.
	 * @return the cache
	 */
	static Path startupTraining(Path jar, List<String> jvmOptions, Map<String, String> properties, Path cache, Path log,
			PrintStream out) {
		List<String> options = new ArrayList<>(jvmOptions);
		options.addAll(trainingOptions(cache));
		// A system property: Spring reads it before the environment (an argument would be
		// ignored, and the agent would run on).
		options.add("-Dspring.context.exit=onRefresh");
		long started = System.nanoTime();
		try (AgentProcess agent = AgentProcess.start(jar, options, properties, log)) {
			if (!agent.awaitExit(STOP_TIMEOUT)) {
				throw new IllegalStateException("The startup training did not end; its log:\n" + agent.logTail());
			}
		}
		return written(cache, log, started, "startup (spring.context.exit=onRefresh)", out);
	}

	/**
	 * Stops a workload training's agent and waits for its cache.
	 * @return the cache
	 */
	static Path finishWorkloadTraining(AgentProcess agent, Path cache, long startedNanos, int objects,
			PrintStream out) {
		long stopping = System.nanoTime();
		boolean stopped = agent.stop(STOP_TIMEOUT);
		out.printf(Locale.ROOT, "  the training agent wrote its cache at exit in %.1f s%s%n",
				(System.nanoTime() - stopping) / 1e9, stopped ? "" : " (did not end in time: killed)");
		return written(cache, agent.log(), startedNanos, "workload (" + objects + " objects scanned)", out);
	}

	private static Path written(Path cache, Path log, long startedNanos, String what, PrintStream out) {
		if (!Files.isRegularFile(cache)) {
			throw new IllegalStateException("The training run wrote no AOT cache " + cache + "; see " + log);
		}
		try {
			out.printf(Locale.ROOT, "  AOT cache from a %s training: %.1f MiB, %.1f s in all%n", what,
					Files.size(cache) / (double) (1 << 20), (System.nanoTime() - startedNanos) / 1e9);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return cache;
	}

}
