package dev.bucketwarden.retro.ebs;

import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobCounters;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.retro.volume.VolumeScanner;
import dev.bucketwarden.store.results.ResultStatus;

/**
 * The one result a snapshot is tagged with, from its job's counters. Clean only when the
 * walk went through, the job is DONE, every file met was scanned (none left out), and
 * every file scanned was Clean (symbolic links, skipped, are not files of their own:
 * their targets on the volume are scanned as themselves); Infected when any file is;
 * Error otherwise (a file that could not be read or scanned, a walk that stopped, a
 * volume with no file at all, which more likely was not mounted than empty).
 */
final class SnapshotVerdict {

	private SnapshotVerdict() {
	}

	static ResultStatus of(VolumeScanner.Walked walked) {
		Job job = walked.job();
		JobCounters counters = job.counters();
		if (counters.get(Counter.INFECTED) > 0) {
			// Found is found, even in a walk that did not go through.
			return ResultStatus.INFECTED;
		}
		long scanned = counters.get(Counter.SCANNED);
		boolean everyFileClean = walked.complete() && job.state() == JobState.DONE
				&& counters.get(Counter.LISTED) == scanned && counters.get(Counter.CLEAN) > 0
				&& counters.get(Counter.CLEAN) + counters.get(Counter.SKIPPED) == scanned
				&& counters.get(Counter.ERRORS) == 0 && counters.get(Counter.UNSCANNABLE) == 0;
		return everyFileClean ? ResultStatus.CLEAN : ResultStatus.ERROR;
	}

	/**
	 * Why a snapshot that is not Clean nor Infected is an Error, for the job's reason.
	 */
	static String whyError(VolumeScanner.Walked walked) {
		JobCounters counters = walked.job().counters();
		if (!walked.complete() || walked.job().state() != JobState.DONE) {
			return "the walk of the volume did not go through (" + walked.job().state() + ")";
		}
		if (counters.get(Counter.CLEAN) == 0 && counters.get(Counter.ERRORS) == 0
				&& counters.get(Counter.UNSCANNABLE) == 0) {
			return "no file was found on the volume (was it mounted?)";
		}
		return counters.get(Counter.ERRORS) + " files could not be read or scanned, "
				+ counters.get(Counter.UNSCANNABLE) + " were unscannable";
	}

}
