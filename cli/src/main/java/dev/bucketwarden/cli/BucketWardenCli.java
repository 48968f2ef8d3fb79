package dev.bucketwarden.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** {@code bucketwarden <command>}: the entry point of the command line. */
public final class BucketWardenCli {

	private BucketWardenCli() {
	}

	public static void main(String[] args) {
		System.exit(run(Arrays.asList(args), System.out, System.err));
	}

	static int run(List<String> args, PrintStream out, PrintStream err) {
		String command = args.isEmpty() ? "" : args.getFirst();
		if (!command.equals("scan") && !command.equals("freshclam-config")) {
			err.println(ScanOptions.USAGE);
			err.println(FreshclamConfigCommand.USAGE);
			return 64;
		}
		try {
			if (command.equals("freshclam-config")) {
				return FreshclamConfigCommand.run(args.subList(1, args.size()), out);
			}
			ScanOptions options = ScanOptions.parse(args.subList(1, args.size()));
			return new ScanCommand(options, out).run();
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			return 64;
		}
	}

}
