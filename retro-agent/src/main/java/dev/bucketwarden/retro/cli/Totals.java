package dev.bucketwarden.retro.cli;

import java.io.PrintStream;

import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.jobs.Job;

/** A job's totals as a small table. */
final class Totals {

	private Totals() {
	}

	static void print(Job job, PrintStream out) {
		out.println();
		out.println("Job " + job.id() + " " + job.state() + ((job.reason() != null) ? " (" + job.reason() + ")" : ""));
		for (Counter counter : Counter.values()) {
			out.printf("  %-12s %,d%n", counter.attribute(), job.counters().get(counter));
		}
		out.println("  results add up: " + (job.counters().resultsAddUp() ? "yes" : "NO"));
	}

}
