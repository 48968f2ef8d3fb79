package dev.bucketwarden.bench.chaos.event;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The event part's table (issue 19): objects, faults injected by kind, attempts, DLQ
 * count, duplicate findings, time to verdict, memory, and which sinks hold back the
 * acknowledgement.
 *
 * @param injected the process faults and armed AWS faults, by action
 * @param awsInjected the requests the proxies failed, by kind (empty without proxies)
 * @param scans attempts that ended in a verdict ("Scanned" log lines of every agent)
 * @param failedAttempts attempts that failed and were left for a redelivery
 */
record EventChaosTable(LoadPlan plan, List<ManifestEntry> manifest, Map<FaultSchedule.Action, Integer> injected,
		Map<String, Integer> awsInjected, Invariants.Outcome before, Invariants.Outcome after, int deadLetters,
		int scans, int failedAttempts, long findingMessages, Duration drain, List<String> memory, String pauseIntake) {

	void print(PrintStream out) {
		Invariants.Outcome last = this.after;
		long versions = this.manifest.size();
		long retro = this.manifest.stream().filter(ManifestEntry::retro).count();
		long deleted = this.manifest.stream().filter(ManifestEntry::deleted).count();
		long overwritten = this.manifest.stream().filter(ManifestEntry::overwritten).count();
		long bytes = this.manifest.stream().mapToLong(ManifestEntry::size).sum();
		out.println();
		out.println("event part (pause-intake " + this.pauseIntake + ")");
		row(out, "objects (keys)", String.format(Locale.ROOT, "%,d", this.plan.items().size()));
		row(out, "versions written",
				String.format(Locale.ROOT, "%,d (%,d MiB; %,d retro, %,d deleted right after, %,d overwritten)",
						versions, bytes >> 20, retro, deleted, overwritten));
		for (Expected expected : Expected.values()) {
			row(out, "  expected " + expected.label(), String.format(Locale.ROOT, "%,d",
					this.manifest.stream().filter((e) -> e.expected() == expected).count()));
		}
		for (FaultSchedule.Action action : FaultSchedule.Action.values()) {
			row(out, "faults: " + label(action), Integer.toString(this.injected.getOrDefault(action, 0)));
		}
		this.awsInjected.forEach((kind, count) -> row(out, "  requests failed: " + kind, Integer.toString(count)));
		row(out, "attempts", String.format(Locale.ROOT, "%,d (%,d with a verdict, %,d failed and retried)",
				this.scans + this.failedAttempts, this.scans, this.failedAttempts));
		row(out, "DLQ count (before redrive)", Integer.toString(this.deadLetters));
		row(out, "  versions accounted for by it", Integer.toString(this.before.inDlq()));
		row(out, "final records (after redrive)",
				String.format(Locale.ROOT, "%,d of %,d versions", last.finals(), versions));
		row(out, "findings received", String.format(Locale.ROOT, "%,d", this.findingMessages));
		row(out, "duplicate findings", String.format(Locale.ROOT, "%,d", last.duplicateFindings()));
		row(out, "time to verdict p50 / p99",
				String.format(Locale.ROOT, "%.1f s / %.1f s", last.percentileSeconds(50), last.percentileSeconds(99)));
		row(out, "drain (load, faults, all verdicts)",
				String.format(Locale.ROOT, "%.0f s", this.drain.toMillis() / 1000.0));
		this.memory.forEach((line) -> row(out, "memory", line));
		row(out, "sink: findings queue (agent's own)",
				"holds back the acknowledgement: a failed send fails the attempt");
		row(out, "sink: console integrations",
				"best effort: a failure is logged, never holds back the acknowledgement (none configured here)");
		out.println();
		out.println("| invariant (after the redrive) | checked | violations |");
		out.println("|---|---:|---:|");
		for (Invariants.Row row : last.rows()) {
			out.printf(Locale.ROOT, "| %s | %,d | %,d |%n", row.invariant().label, row.checked(),
					row.violations().size());
		}
	}

	private static String label(FaultSchedule.Action action) {
		return switch (action) {
			case KILL_AGENT -> "kill -9 event agent";
			case KILL_CLAMD -> "kill -9 clamd";
			case STOP_CLAMD -> "SIGSTOP clamd";
			case AWS -> "AWS faults armed";
		};
	}

	private static void row(PrintStream out, String name, String value) {
		out.printf(Locale.ROOT, "  %-36s %s%n", name, value);
	}

}
