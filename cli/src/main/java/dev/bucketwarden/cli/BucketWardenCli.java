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
		if (args.isEmpty() || !args.getFirst().equals("scan")) {
			err.println(ScanOptions.USAGE);
			return 64;
		}
		try {
			ScanOptions options = ScanOptions.parse(args.subList(1, args.size()));
			return new ScanCommand(options, out).run();
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			return 64;
		}
	}

}
