package dev.bucketwarden.console.retro;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.convert.DurationStyle;

import dev.bucketwarden.jobs.Rescan;
import dev.bucketwarden.jobs.schedule.Schedule;
import dev.bucketwarden.jobs.schedule.StoredSchedule;

/**
 * A schedule to save, from the page's form or the API. Validated when it becomes a
 * {@link StoredSchedule}.
 *
 * @param name the schedule's name (the API takes it from the path)
 * @param cron a Spring cron expression (second minute hour day month weekday), in UTC
 * @param enabled whether it fires (the API's default: yes; an unticked box: no)
 * @param buckets protected buckets to crawl, or none for a directory
 * @param prefix only keys under it, or empty
 * @param lookback only objects modified this long before each run ({@code 7d},
 * {@code 12h}, {@code P7D}); empty for all
 * @param allVersions every version, not only the current ones
 * @param rescan {@code IF_UNSCANNED}, {@code ALWAYS} (default) or
 * {@code SIGNATURES_BEFORE}
 * @param signaturesBefore for {@code SIGNATURES_BEFORE}: a date (an ISO instant, a
 * date-time in UTC or a date)
 * @param signaturesOlderThan for {@code SIGNATURES_BEFORE}: an age instead ({@code 7d})
 * @param directory a mounted volume's directory instead of buckets
 * @param quarantineDirectory where a directory job moves infected files
 * @param ebsVolume an EBS volume ({@code vol-...}) of the console's region instead: each
 * run snapshots it and scans the snapshot (the EBS page's "schedule")
 */
public record ScheduleRequest(String name, String cron, Boolean enabled, List<String> buckets, String prefix,
		String lookback, Boolean allVersions, String rescan, String signaturesBefore, String signaturesOlderThan,
		String directory, String quarantineDirectory, String ebsVolume) implements Serializable {

	public ScheduleRequest {
		buckets = (buckets != null) ? buckets.stream().filter((b) -> b != null && !b.isBlank()).toList() : List.of();
	}

	/** An empty form: enabled, rescan ALWAYS. */
	public static ScheduleRequest blank() {
		return new ScheduleRequest(null, null, true, List.of(), null, null, false, "ALWAYS", null, null, null, null,
				null);
	}

	/** The form's values for a saved schedule. */
	public static ScheduleRequest of(StoredSchedule stored) {
		Schedule schedule = stored.schedule();
		return new ScheduleRequest(stored.name(), schedule.cron(), stored.enabled(), schedule.buckets(),
				schedule.prefix(), ScheduleView.duration(schedule.lookback()), schedule.allVersions(),
				schedule.rescan().name(),
				(schedule.signaturesBefore() != null)
						? LocalDateTime.ofInstant(schedule.signaturesBefore(), ZoneOffset.UTC).toString() : null,
				ScheduleView.duration(schedule.signaturesOlderThan()), schedule.directory(),
				schedule.quarantineDirectory(), schedule.ebsVolume());
	}

	/**
	 * The schedule to store.
	 * @param name its name
	 * @param enabledByDefault what an unset {@code enabled} means
	 * @param now when it is saved
	 * @param user who saves it
	 */
	StoredSchedule toStored(String name, boolean enabledByDefault, Instant now, String user) {
		if (this.name != null && !this.name.isBlank() && !this.name.strip().equals(name)) {
			throw new IllegalArgumentException("The schedule's name is " + name + ", not " + this.name);
		}
		// Every field reaches the schedule, which refuses a mix (buckets and a volume).
		return new StoredSchedule(name, (this.enabled != null) ? this.enabled : enabledByDefault,
				new Schedule(this.cron, this.buckets, this.prefix, duration("lookback", this.lookback),
						Boolean.TRUE.equals(this.allVersions), rescanMode(),
						StartRequest.instant("signatures before", this.signaturesBefore),
						duration("signatures older than", this.signaturesOlderThan), this.directory,
						this.quarantineDirectory, this.ebsVolume, null),
				now, user);
	}

	private Rescan.Mode rescanMode() {
		if (this.rescan == null || this.rescan.isBlank()) {
			return Rescan.Mode.ALWAYS;
		}
		try {
			return Rescan.Mode.valueOf(this.rescan.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Unknown rescan rule " + this.rescan);
		}
	}

	private static Duration duration(String what, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return DurationStyle.detectAndParse(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Not a duration for " + what + " (7d, 12h, P7D): " + value);
		}
	}

}
