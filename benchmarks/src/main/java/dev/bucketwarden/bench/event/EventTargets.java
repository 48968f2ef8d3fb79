package dev.bucketwarden.bench.event;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.bucketwarden.bench.support.ProcessCpu;

/**
 * The unit-economics targets, each beside what this run measured: AWS requests and
 * request fees per clean object, the agent's own CPU per object (warm, and just started),
 * and the ratio the CPU model predicts without the AWS stand-ins. A target whose row did
 * not run (a size or mode left out) says so instead of passing.
 */
final class EventTargets {

	private static final int SMALL = EventOptions.SMALL;

	private static final int MEDIUM = EventOptions.MEDIUM;

	private static final int LARGE = EventOptions.LARGE;

	private EventTargets() {
	}

	static void print(PrintStream out, List<EventReport.Row> rows, boolean versioned) {
		List<String[]> lines = new ArrayList<>();
		EventReport.Row small = row(rows, SMALL, "warm");
		lines.add(at(small, "AWS requests per clean 64 KiB object" + (versioned ? " (versioned buckets!)" : ""),
				requests(small), "<= 5", false, 5));
		lines.add(at(small, "request fees per million 64 KiB objects, $", fees(small), "<= 7.00", false, 7));
		lines.add(at(small, "event agent CPU per 64 KiB object, ms", agentMillis(small), "<= 1.0", false, 1.0));
		EventReport.Row medium = row(rows, MEDIUM, "warm");
		lines.add(at(medium, "event agent CPU per 1 MiB object, ms", agentMillis(medium), "<= 1.5", false, 1.5));
		lines.add(at(small, "ratio without the stand-ins, 64 KiB", model(small), ">= 0.85", true, 0.85));
		lines.add(at(medium, "ratio without the stand-ins, 1 MiB", model(medium), ">= 0.95", true, 0.95));
		EventReport.Row large = row(rows, LARGE, "warm");
		lines.add(at(large, "ratio without the stand-ins, 32 MiB", model(large), ">= 0.95", true, 0.95));
		for (String mode : List.of("fresh", "aot")) {
			EventReport.Row fresh = row(rows, SMALL, mode);
			if (fresh != null || mode.equals("fresh")) {
				String objects = (fresh != null) ? String.format(Locale.ROOT, "%,d", fresh.set().count()) : "2,000";
				lines.add(at(fresh,
						"just-started agent (" + mode + "), CPU per object over its first " + objects + " x 64 KiB, ms",
						agentMillis(fresh), "<= 5.0", false, 5.0));
			}
		}
		out.printf("%nTargets of the unit economics (warm = JIT settled, as the targets say)%n%n");
		String header = String.format("| %-72s | %9s | %7s | %-12s |", "what", "measured", "target", "result");
		out.println(header);
		out.println(header.replaceAll("[^|]", "-"));
		for (String[] line : lines) {
			out.printf("| %-72s | %9s | %7s | %-12s |%n", (Object[]) line);
		}
	}

	private static String[] at(EventReport.Row row, String what, double measured, String target, boolean atLeast,
			double bound) {
		if (row == null || Double.isNaN(measured)) {
			return new String[] { what, "not run", target, "NOT MEASURED" };
		}
		boolean met = atLeast ? measured >= bound : measured <= bound;
		return new String[] { what, String.format(Locale.ROOT, "%.2f", measured), target, met ? "MET" : "NOT MET" };
	}

	private static EventReport.Row row(List<EventReport.Row> rows, int size, String mode) {
		return rows.stream()
			.filter((row) -> row.set().size() == size && row.mode().equals(mode))
			.findFirst()
			.orElse(null);
	}

	private static double requests(EventReport.Row row) {
		if (row == null || row.awsRequests().isEmpty()) {
			return Double.NaN;
		}
		return EventReport.perObject(row).values().stream().mapToDouble(Double::doubleValue).sum();
	}

	private static double fees(EventReport.Row row) {
		if (row == null) {
			return Double.NaN;
		}
		ObjectCost cost = EventReport.cost(row, AwsPrices.US_EAST_1, TaskSize.AGENT_TASK);
		return (cost != null) ? cost.requestFeesPerMillion() : Double.NaN;
	}

	private static double agentMillis(EventReport.Row row) {
		if (row == null) {
			return Double.NaN;
		}
		ProcessCpu.Usage cpu = row.drain().cpu();
		return (cpu != null) ? 1000 * cpu.secondsOf(AgentDrain.AGENT) / row.set().count() : Double.NaN;
	}

	private static double model(EventReport.Row row) {
		return (row != null) ? EventReport.predictedRatio(row) : Double.NaN;
	}

}
