package dev.bucketwarden.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.bucketwarden.bench.chaos.ChaosOptions;
import dev.bucketwarden.bench.chaos.api.ApiChaos;
import dev.bucketwarden.bench.chaos.event.EventChaos;

/**
 * {@code bin/chaos}: the event pipeline and then the API agent under load while agents,
 * clamd and AWS calls fail on a seeded schedule; each part checks its invariants and
 * prints its table. Beside {@link Bench}, not in the chaos packages, which its parts
 * depend on. Exits 1 when any part found a violation, 2 on bad options.
 */
public final class ChaosCommand {

	private ChaosCommand() {
	}

	public static int run(String[] args) {
		ChaosOptions options;
		try {
			options = parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("bin/chaos: " + ex.getMessage());
			usage(System.err);
			return 2;
		}
		if (options == null) {
			usage(System.out);
			return 0;
		}
		System.out.println("chaos run: seed " + options.seed() + (options.shortRun() ? ", short" : "") + ", parts "
				+ String.join(", ", options.parts()) + ", work directory " + options.workDir());
		long violations = 0;
		if (options.runs("event")) {
			violations += EventChaos.run(options);
		}
		if (options.runs("api")) {
			violations += ApiChaos.run(options);
		}
		System.out.println("violations: " + violations);
		return (violations == 0) ? 0 : 1;
	}

	static ChaosOptions parse(String[] args) {
		boolean shortRun = false;
		long seed = ThreadLocalRandom.current().nextLong(1, 1_000_000);
		Path workDir = null;
		List<String> parts = List.of("event", "api");
		List<String> rest = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "-h", "--help" -> {
					return null;
				}
				case "--short" -> shortRun = true;
				case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
				case "--dir" -> workDir = Path.of(value(args, ++i, arg));
				case "--only" -> {
					String part = value(args, ++i, arg);
					if (!part.equals("event") && !part.equals("api")) {
						throw new IllegalArgumentException("--only takes event or api, not " + part);
					}
					parts = List.of(part);
				}
				default -> rest.add(arg);
			}
		}
		if (workDir == null) {
			workDir = Path.of("target", "chaos", "run-" + seed);
		}
		return new ChaosOptions(shortRun, seed, workDir.toAbsolutePath(), parts, rest);
	}

	private static String value(String[] args, int index, String name) {
		if (index >= args.length) {
			throw new IllegalArgumentException(name + " needs a value");
		}
		return args[index];
	}

	private static void usage(PrintStream out) {
		out.println("Usage: bin/chaos [--short] [--seed N] [--only event|api] [--dir DIR] [part options]");
		out.println("  --short   a few hundred objects, every fault kind once (bin/test runs this)");
		out.println("  --seed    the schedule's and the load's seed (printed; default random)");
		out.println("  --only    run only the event pipeline's part or only the API agent's");
		out.println("  --dir     work directory (default target/chaos/run-SEED)");
		out.println("Event part options:");
		out.println("  --objects N             keys written (default 10000, --short 200)");
		out.println(
				"  --pause-intake MODE     the event agents' pause-intake: UNREACHABLE (default), NEVER, NOT_READY");
		out.println("  --span SECONDS          the faults are spread over this time (default 600, --short 45)");
	}

}
