package dev.bucketwarden.console.retro;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.bucketwarden.jobs.schedule.Schedule;
import dev.bucketwarden.jobs.schedule.StoredSchedule;

/**
 * A schedule as the page and the API show it, with its last and next run.
 *
 * @param name its name
 * @param cron its cron expression (UTC)
 * @param enabled whether it fires
 * @param buckets the buckets it crawls (empty for a directory)
 * @param prefix the key prefix, or {@code null}
 * @param lookback how far back each run looks ({@code 7d}), or {@code null} for all
 * @param allVersions every version
 * @param rescan the rescan rule
 * @param signaturesBefore for SIGNATURES_BEFORE: the date, or {@code null}
 * @param signaturesOlderThan for SIGNATURES_BEFORE: the age ({@code 7d}), or {@code null}
 * @param directory the directory of a volume schedule, or {@code null}
 * @param quarantineDirectory where its infected files go, or {@code null}
 * @param scans what it scans, in words
 * @param lastRun when its latest job was created, or {@code null}
 * @param lastJob that job's id, or {@code null}
 * @param nextRun when it runs next, or {@code null} (disabled, or the cron expression has
 * no further date)
 * @param due whether that time has passed: it runs at a scheduler's next tick
 * @param updatedAt when it was last saved
 * @param updatedBy who saved it
 * @param ebsVolume the EBS volume of a volume schedule (each run snapshots it), or
 * {@code null}
 * @param region the region its runs are started in, or {@code null} for the console's
 */
public record ScheduleView(String name, String cron, boolean enabled, List<String> buckets, String prefix,
		String lookback, boolean allVersions, String rescan, Instant signaturesBefore, String signaturesOlderThan,
		String directory, String quarantineDirectory, String scans, Instant lastRun, String lastJob, Instant nextRun,
		boolean due, Instant updatedAt, String updatedBy, String ebsVolume, String region) {

	static ScheduleView of(StoredSchedule stored, JobView lastJob, Instant nextRun, Instant now) {
		Schedule schedule = stored.schedule();
		String scans = schedule.ebs() ? "EBS volume " + schedule.ebsVolume() + " (a new snapshot each run)"
				: schedule.volume() ? schedule.directory() : String.join(", ", schedule.buckets())
						+ ((schedule.prefix() != null) ? ", keys under " + schedule.prefix() : "");
		if (schedule.region() != null) {
			scans += ", in " + schedule.region();
		}
		if (schedule.lookback() != null) {
			scans += ", modified in the last " + duration(schedule.lookback());
		}
		if (schedule.allVersions()) {
			scans += ", every version";
		}
		return new ScheduleView(stored.name(), schedule.cron(), stored.enabled(), schedule.buckets(), schedule.prefix(),
				duration(schedule.lookback()), schedule.allVersions(), schedule.rescan().name(),
				schedule.signaturesBefore(), duration(schedule.signaturesOlderThan()), schedule.directory(),
				schedule.quarantineDirectory(), scans, (lastJob != null) ? lastJob.createdAt() : null,
				(lastJob != null) ? lastJob.id() : null, nextRun, nextRun != null && nextRun.isBefore(now),
				stored.updatedAt(), stored.updatedBy(), schedule.ebsVolume(), schedule.region());
	}

	/** The rescan rule in words. */
	public String rescanRule() {
		return switch (this.rescan) {
			case "IF_UNSCANNED" -> "unscanned objects only";
			case "ALWAYS" -> "everything again";
			default -> "again if scanned with signatures older than " + ((this.signaturesBefore != null)
					? this.signaturesBefore.toString() : this.signaturesOlderThan + " before the run");
		};
	}

	/** In the largest whole unit: 7d, 12h, 30m, 45s. */
	static String duration(Duration duration) {
		if (duration == null) {
			return null;
		}
		long seconds = duration.toSeconds();
		if (seconds % 86_400 == 0) {
			return (seconds / 86_400) + "d";
		}
		if (seconds % 3_600 == 0) {
			return (seconds / 3_600) + "h";
		}
		if (seconds % 60 == 0) {
			return (seconds / 60) + "m";
		}
		return seconds + "s";
	}

}
