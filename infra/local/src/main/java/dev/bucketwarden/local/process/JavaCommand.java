package dev.bucketwarden.local.process;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A {@code java} command line for a child JVM: the running JVM's own {@code java} (every
 * emulator here runs on Java 17 or newer), a bounded heap and options that favour start
 * time over peak throughput, which is what tests and the demo need.
 *
 * @param heap maximum heap, in {@code -Xmx} notation ({@code 256m})
 * @param options further JVM options ({@code -Dname=value})
 * @param classpath the child's classpath
 * @param mainClass the class to run
 * @param arguments the program arguments
 * @param environment variables set for the child on top of ours, for emulators configured
 * through their environment
 */
public record JavaCommand(String heap, List<String> options, List<Path> classpath, String mainClass,
		List<String> arguments, Map<String, String> environment) {

	/**
	 * Start-up first. On two cores C1 only and the serial collector took S3Mock from 8-14
	 * s to 5-6 s, ElasticMQ from 4.4 to 2.6 s and DynamoDB Local from 3 to 2 s, with a
	 * fifth less memory; tests and the demo do not run them long enough to miss C2. The
	 * last two keep Java 25 from warning about what the emulators' libraries do
	 * (sqlite4java's System.load, Scala's Unsafe).
	 */
	private static final List<String> STANDARD_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
			"-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED",
			"--sun-misc-unsafe-memory-access=allow");

	public JavaCommand {
		Objects.requireNonNull(heap, "heap");
		options = List.copyOf(options);
		classpath = List.copyOf(classpath);
		Objects.requireNonNull(mainClass, "mainClass");
		arguments = List.copyOf(arguments);
		environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
	}

	public static JavaCommand of(String heap, List<Path> classpath, String mainClass) {
		return new JavaCommand(heap, List.of(), classpath, mainClass, List.of(), Map.of());
	}

	public JavaCommand withOptions(String... options) {
		List<String> all = new ArrayList<>(this.options);
		all.addAll(List.of(options));
		return new JavaCommand(this.heap, all, this.classpath, this.mainClass, this.arguments, this.environment);
	}

	public JavaCommand withArguments(List<String> arguments) {
		return new JavaCommand(this.heap, this.options, this.classpath, this.mainClass, arguments, this.environment);
	}

	/** Sets an environment variable of the child, whatever ours says. */
	public JavaCommand withEnvironment(String name, String value) {
		Map<String, String> all = new LinkedHashMap<>(this.environment);
		all.put(name, value);
		return new JavaCommand(this.heap, this.options, this.classpath, this.mainClass, this.arguments, all);
	}

	/** The full command, {@code java} first. */
	public List<String> toList() {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xms32m");
		command.add("-Xmx" + this.heap);
		command.addAll(STANDARD_OPTIONS);
		command.addAll(this.options);
		command.add("-cp");
		command.add(this.classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
		command.add(this.mainClass);
		command.addAll(this.arguments);
		return command;
	}

}
