package dev.bucketwarden.retro.cli;

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
import java.util.Set;

/**
 * The retro agent's command line: {@code COMMAND [ARG...] [--option[=| ]value...]}.
 * Options named like settings ({@code --spring.*}, {@code --bucketwarden.*},
 * {@code --logging.*}) go to Spring and on to the workers this process starts;
 * {@code --stack FILE} reads the local stack's addresses into settings.
 *
 * @param command the command
 * @param arguments positional arguments after it
 * @param options the command's own options, each with its values in order
 * @param settings Spring settings, as {@code --key=value} arguments
 * @param inherited what workers started by this process get (settings and the stack)
 */
public record CommandLine(String command, List<String> arguments, Map<String, List<String>> options,
		List<String> settings, List<String> inherited) {

	private static final Set<String> FLAGS = Set.of("all-versions", "drift-check", "no-watch", "help", "report-heap");

	private static final List<String> SETTING_PREFIXES = List.of("spring.", "bucketwarden.", "logging.", "management.",
			"server.");

	public static CommandLine parse(String... args) {
		String command = (args.length == 0 || args[0].startsWith("--")) ? "help" : args[0];
		List<String> arguments = new ArrayList<>();
		Map<String, List<String>> options = new LinkedHashMap<>();
		List<String> settings = new ArrayList<>();
		List<String> inherited = new ArrayList<>();
		for (int i = (command.equals("help") && args.length > 0 && args[0].startsWith("--")) ? 0
				: 1; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				arguments.add(arg);
				continue;
			}
			String name = arg.substring(2);
			String value = null;
			int equals = name.indexOf('=');
			if (equals >= 0) {
				value = name.substring(equals + 1);
				name = name.substring(0, equals);
			}
			else if (!FLAGS.contains(name) && !setting(name)) {
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException("--" + name + " needs a value");
				}
				value = args[++i];
			}
			if (setting(name)) {
				String setting = "--" + name + "=" + ((value != null) ? value : "true");
				settings.add(setting);
				inherited.add(setting);
			}
			else if (name.equals("stack")) {
				settings.addAll(StackSettings.of(load(Path.of(value))));
				inherited.add("--stack=" + Path.of(value).toAbsolutePath());
			}
			else {
				options.computeIfAbsent(name, (key) -> new ArrayList<>()).add((value != null) ? value : "true");
			}
		}
		return new CommandLine(command, List.copyOf(arguments), options, lastOfEach(settings), List.copyOf(inherited));
	}

	/**
	 * Each setting once, with its last value: one given after {@code --stack} wins over
	 * the stack's (the console runs a further region's job with that region's retro queue
	 * and S3 endpoint so), where Spring would join two values of one option.
	 */
	private static List<String> lastOfEach(List<String> settings) {
		Map<String, String> byName = new LinkedHashMap<>();
		for (String setting : settings) {
			String name = setting.substring(0, setting.indexOf('='));
			byName.remove(name);
			byName.put(name, setting);
		}
		return List.copyOf(byName.values());
	}

	public String option(String name) {
		List<String> values = this.options.get(name);
		return (values != null) ? values.getLast() : null;
	}

	public List<String> all(String name) {
		return this.options.getOrDefault(name, List.of());
	}

	public boolean flag(String name) {
		return this.options.containsKey(name);
	}

	private static boolean setting(String name) {
		return SETTING_PREFIXES.stream().anyMatch(name::startsWith);
	}

	private static Properties load(Path file) {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the local stack's addresses from " + file
					+ " (is the local stack running? bin/demo --keep starts it)", ex);
		}
		return properties;
	}

}
