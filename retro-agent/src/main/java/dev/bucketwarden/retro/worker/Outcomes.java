package dev.bucketwarden.retro.worker;

import java.util.EnumMap;
import java.util.Map;

import dev.bucketwarden.agent.pipeline.PipelineResult;
import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.store.results.ResultStatus;

/** What a pipeline result adds to a job's counters. */
final class Outcomes {

	private Outcomes() {
	}

	static Map<Counter, Long> counts(PipelineResult result) {
		Map<Counter, Long> counts = new EnumMap<>(Counter.class);
		counts.put(Counter.SCANNED, 1L);
		if (result.outcome() == PipelineResult.Outcome.LARGE_OBJECT_QUEUED
				|| result.outcome() == PipelineResult.Outcome.LARGE_OBJECT_PART) {
			// The verdict is the job's, given when its last part is scanned: the
			// object's record and finding say it, not this run's counters.
			return counts;
		}
		counts.put(counter(result), 1L);
		if (result.outcome() == PipelineResult.Outcome.ALREADY_SCANNED) {
			counts.put(Counter.REUSED, 1L);
		}
		return counts;
	}

	static String label(PipelineResult result) {
		return switch (result.outcome()) {
			case SCANNED, ALREADY_SCANNED -> result.record().status().label();
			case NOT_FOUND, SUPERSEDED, IGNORED, NOT_PROTECTED ->
				ResultStatus.SKIPPED.label() + " (" + result.outcome() + ")";
			case LARGE_OBJECT_QUEUED, LARGE_OBJECT_PART -> "Queued in parts (" + result.outcome() + ")";
		};
	}

	private static Counter counter(PipelineResult result) {
		if (result.record() == null || result.outcome() == PipelineResult.Outcome.NOT_FOUND
				|| result.outcome() == PipelineResult.Outcome.NOT_PROTECTED) {
			return Counter.SKIPPED;
		}
		return switch (result.record().status()) {
			case CLEAN -> Counter.CLEAN;
			case INFECTED, INFECTED_ALLOWED -> Counter.INFECTED;
			case UNSCANNABLE -> Counter.UNSCANNABLE;
			case ERROR -> Counter.ERRORS;
			case SKIPPED -> Counter.SKIPPED;
		};
	}

	/** A scan that failed on its last attempt: recorded as an Error, off to the DLQ. */
	static Map<Counter, Long> lastAttemptFailed() {
		return Map.of(Counter.SCANNED, 1L, Counter.ERRORS, 1L);
	}

}
