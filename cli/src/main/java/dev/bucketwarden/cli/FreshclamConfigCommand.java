package dev.bucketwarden.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bucketwarden freshclam-config}: prints (or writes) the freshclam configuration
 * of a ClamAV sidecar, with the update schedule and mirrors given.
 */
final class FreshclamConfigCommand {

	static final String USAGE = """
			usage: bucketwarden freshclam-config [options]
			  --checks N              database checks a day (default 96: every 15 minutes)
			  --private-mirror URL    a private mirror (repeatable); replaces the public mirror
			  --database-mirror HOST  the public mirror (default database.clamav.net)
			  --database-directory D  (default /var/lib/clamav)
			  --database-owner USER   (default clamav)
			  --clamd-config PATH     clamd.conf for NotifyClamd (default /etc/clamav/clamd.conf)
			  --no-notify-clamd       leave reloading to clamd's SelfCheck
			  --output FILE           write the file instead of printing it""";

	private FreshclamConfigCommand() {
	}

	static int run(List<String> args, PrintStream out) {
		FreshclamConfig d = FreshclamConfig.DEFAULTS;
		int checks = d.checks();
		String directory = d.databaseDirectory();
		String owner = d.databaseOwner();
		String clamdConfig = d.clamdConfig();
		String databaseMirror = d.databaseMirror();
		List<URI> mirrors = new ArrayList<>();
		Path output = null;
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			switch (arg) {
				case "--checks" -> checks = parseInt(value(args, ++i, arg), arg);
				case "--private-mirror" -> mirrors.add(URI.create(value(args, ++i, arg)));
				case "--database-mirror" -> databaseMirror = value(args, ++i, arg);
				case "--database-directory" -> directory = value(args, ++i, arg);
				case "--database-owner" -> owner = value(args, ++i, arg);
				case "--clamd-config" -> clamdConfig = value(args, ++i, arg);
				case "--no-notify-clamd" -> clamdConfig = null;
				case "--output" -> output = Path.of(value(args, ++i, arg));
				default -> throw new IllegalArgumentException("Unknown option " + arg + "\n" + USAGE);
			}
		}
		String text = new FreshclamConfig(checks, directory, owner, clamdConfig, databaseMirror, mirrors).render();
		if (output == null) {
			out.print(text);
			return 0;
		}
		try {
			Files.writeString(output, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + output, ex);
		}
		out.println("Wrote " + output);
		return 0;
	}

	private static String value(List<String> args, int index, String option) {
		if (index >= args.size()) {
			throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
		}
		return args.get(index);
	}

	private static int parseInt(String value, String option) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(option + " needs a number, was " + value);
		}
	}

}
