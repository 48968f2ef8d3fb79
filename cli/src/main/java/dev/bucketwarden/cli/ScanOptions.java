package dev.bucketwarden.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.bucketwarden.engine.chain.ChainPolicy;

/**
 * The options of {@code bucketwarden scan}.
 *
 * @param engines engine ids in chain order
 * @param settings per engine id, its settings ({@code --set clamav.port=3310})
 * @param policy stop at the first infected verdict or run all engines
 * @param paths files and directories to scan
 */
record ScanOptions(List<String> engines, Map<String, Map<String, String>> settings, ChainPolicy policy,
		List<Path> paths) {

	static final String USAGE = """
			usage: bucketwarden scan [options] PATH...
			  --engine ID          add an engine to the chain (repeatable; default: clamav)
			  --set ID.KEY=VALUE   an engine setting, e.g. --set clamav.port=3310
			  --clamd HOST:PORT    shortcut for clamav host and port
			  --stack FILE         read clamd's address from the local stack's stack.properties
			  --run-all            run every engine even after one found something
			exit status: 0 all clean, 1 something infected, 2 something unscannable or failed""";

	static ScanOptions parse(List<String> args) {
		List<String> engines = new ArrayList<>();
		Map<String, Map<String, String>> settings = new LinkedHashMap<>();
		ChainPolicy policy = ChainPolicy.STOP_AT_FIRST_INFECTED;
		List<Path> paths = new ArrayList<>();
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			switch (arg) {
				case "--engine" -> engines.add(value(args, ++i, arg));
				case "--set" -> put(settings, value(args, ++i, arg));
				case "--clamd" -> {
					String[] hostPort = value(args, ++i, arg).split(":", 2);
					put(settings, "clamav.host=" + hostPort[0]);
					put(settings, "clamav.port=" + hostPort[1]);
				}
				case "--stack" -> {
					Properties stack = load(Path.of(value(args, ++i, arg)));
					put(settings, "clamav.host=" + stack.getProperty("clamd.host"));
					put(settings, "clamav.port=" + stack.getProperty("clamd.port"));
				}
				case "--run-all" -> policy = ChainPolicy.RUN_ALL;
				default -> {
					if (arg.startsWith("--")) {
						throw new IllegalArgumentException("Unknown option " + arg + "\n" + USAGE);
					}
					paths.add(Path.of(arg));
				}
			}
		}
		if (paths.isEmpty()) {
			throw new IllegalArgumentException("Nothing to scan\n" + USAGE);
		}
		return new ScanOptions(engines.isEmpty() ? List.of("clamav") : engines, settings, policy, paths);
	}

	private static String value(List<String> args, int index, String option) {
		if (index >= args.size()) {
			throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
		}
		return args.get(index);
	}

	private static void put(Map<String, Map<String, String>> settings, String assignment) {
		int dot = assignment.indexOf('.');
		int equals = assignment.indexOf('=');
		if (dot < 1 || equals < dot) {
			throw new IllegalArgumentException("Expected ID.KEY=VALUE, got " + assignment);
		}
		settings.computeIfAbsent(assignment.substring(0, dot), (id) -> new LinkedHashMap<>())
			.put(assignment.substring(dot + 1, equals), assignment.substring(equals + 1));
	}

	private static Properties load(Path file) {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the local stack's addresses from " + file
					+ " (is the local stack running? bin/demo starts it)", ex);
		}
		return properties;
	}

}
