package dev.bucketwarden.jobs.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.JobSpec;
import dev.bucketwarden.jobs.Rescan;

/**
 * A {@link Schedule} as the console keeps it in the settings table, with its name,
 * whether it is enabled and who saved it when. The retro agent's scheduler reads these
 * besides its configured schedules.
 *
 * @param name the schedule's name: lower-case letters, digits and dashes, 1 to 64
 * @param enabled whether it fires; a disabled schedule is kept but creates no job
 * @param schedule when it runs and the job it creates
 * @param updatedAt when it was last saved; the scheduler counts runs from here at the
 * earliest, so a schedule created, edited or enabled again does not fire for the past
 * @param updatedBy who saved it
 */
public record StoredSchedule(String name, boolean enabled, Schedule schedule, Instant updatedAt, String updatedBy) {

	/** What a schedule's name may be. */
	public static final String NAME_PATTERN = "[a-z0-9-]{1,64}";

	public StoredSchedule {
		if (name == null || !name.matches(NAME_PATTERN)) {
			throw new IllegalArgumentException(
					"A schedule's name is 1 to 64 lower-case letters, digits or dashes: " + name);
		}
		Objects.requireNonNull(schedule, "schedule");
		Objects.requireNonNull(updatedAt, "updatedAt");
		Objects.requireNonNull(updatedBy, "updatedBy");
	}

	/**
	 * A schedule as the console's form gives it, field by field (see {@link Schedule}).
	 */
	public StoredSchedule(String name, String cron, boolean enabled, List<String> buckets, String prefix,
			Duration lookback, boolean allVersions, Rescan.Mode rescan, Instant signaturesBefore,
			Duration signaturesOlderThan, String directory, String quarantineDirectory, Instant updatedAt,
			String updatedBy) {
		this(name, enabled, new Schedule(cron, buckets, prefix, lookback, allVersions, rescan, signaturesBefore,
				signaturesOlderThan, directory, quarantineDirectory, null, null), updatedAt, updatedBy);
	}

	/** An EBS volume schedule: each run snapshots the volume and scans the snapshot. */
	public static StoredSchedule ebsVolume(String name, String cron, boolean enabled, String volumeId, String region,
			Instant updatedAt, String updatedBy) {
		return new StoredSchedule(name, enabled, new Schedule(cron, List.of(), null, null, false, Rescan.Mode.ALWAYS,
				null, null, null, null, volumeId, region), updatedAt, updatedBy);
	}

	/**
	 * The first run after the later of the last run and the last save, if the cron
	 * expression has one.
	 * @param lastRun when the schedule last ran (or a scheduler first saw it)
	 */
	public Optional<Instant> nextRun(Instant lastRun) {
		return this.schedule.nextRun((lastRun == null || this.updatedAt.isAfter(lastRun)) ? this.updatedAt : lastRun);
	}

	/** The spec of the job a run at {@code now} creates (see {@link Schedule#toSpec}). */
	public JobSpec toSpec(Instant now, Clock clock) {
		return this.schedule.toSpec(this.name, now, clock);
	}

	/**
	 * The request of the job a run at {@code now} creates (origin {@code schedule:NAME}).
	 */
	public JobRequest toRequest(Instant now) {
		return this.schedule.toRequest(this.name, now);
	}

	/** The same schedule in a region ({@code null}: the scheduler's own). */
	public StoredSchedule inRegion(String region) {
		return new StoredSchedule(this.name, this.enabled, this.schedule.inRegion(region), this.updatedAt,
				this.updatedBy);
	}

	/** The same schedule, enabled or not, saved by someone at a time. */
	public StoredSchedule withEnabled(boolean enabled, Instant at, String by) {
		return new StoredSchedule(this.name, enabled, this.schedule, at, by);
	}

}
