package dev.bucketwarden.jobs.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.scheduling.support.CronExpression;

import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.Rescan;

/**
 * A retro scan schedule as the console keeps it in the settings table: a cron expression
 * and the job it creates, over buckets or a mounted volume's directory. The retro agent's
 * scheduler reads these besides its configured schedules.
 *
 * @param name the schedule's name: lower-case letters, digits and dashes, 1 to 64
 * @param cron a Spring cron expression (second minute hour day month weekday), in UTC
 * @param enabled whether it fires; a disabled schedule is kept but creates no job
 * @param buckets the buckets to crawl, or empty for a directory schedule
 * @param prefix only keys under this prefix, or {@code null}
 * @param lookback only objects modified this long before the run, or {@code null} for all
 * @param allVersions every version, not only current ones
 * @param rescan what to do with objects scanned before
 * @param signaturesBefore for {@link Rescan.Mode#SIGNATURES_BEFORE}: a fixed date
 * @param signaturesOlderThan for {@link Rescan.Mode#SIGNATURES_BEFORE}: a date this long
 * before each run
 * @param directory a mounted volume's directory instead of buckets, or {@code null}
 * @param quarantineDirectory where a directory job moves infected files, or {@code null}
 * @param updatedAt when it was last saved; the scheduler counts runs from here at the
 * earliest, so a schedule created, edited or enabled again does not fire for the past
 * @param updatedBy who saved it
 */
public record StoredSchedule(String name, String cron, boolean enabled, List<String> buckets, String prefix,
		Duration lookback, boolean allVersions, Rescan.Mode rescan, Instant signaturesBefore,
		Duration signaturesOlderThan, String directory, String quarantineDirectory, Instant updatedAt,
		String updatedBy) {

	/** What a schedule's name may be. */
	public static final String NAME_PATTERN = "[a-z0-9-]{1,64}";

	public StoredSchedule {
		if (name == null || !name.matches(NAME_PATTERN)) {
			throw new IllegalArgumentException(
					"A schedule's name is 1 to 64 lower-case letters, digits or dashes: " + name);
		}
		cron = (cron != null) ? cron.strip() : "";
		try {
			CronExpression.parse(cron);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Not a cron expression (second minute hour day month weekday, UTC): "
					+ cron + " (" + ex.getMessage() + ")");
		}
		buckets = (buckets != null) ? buckets.stream()
			.filter(Objects::nonNull)
			.map(String::strip)
			.filter((b) -> !b.isEmpty())
			.distinct()
			.toList() : List.of();
		prefix = blankToNull(prefix);
		directory = blankToNull(directory);
		quarantineDirectory = blankToNull(quarantineDirectory);
		if (buckets.isEmpty() == (directory == null)) {
			throw new IllegalArgumentException("A schedule scans either buckets or a directory, not both or neither");
		}
		if (directory == null && quarantineDirectory != null) {
			throw new IllegalArgumentException("A quarantine directory goes with a directory schedule only");
		}
		if (directory != null && prefix != null) {
			throw new IllegalArgumentException("A key prefix goes with a bucket schedule only");
		}
		if (lookback != null && (lookback.isNegative() || lookback.isZero())) {
			throw new IllegalArgumentException("The lookback must be longer than zero: " + lookback);
		}
		if (rescan == null) {
			throw new IllegalArgumentException(
					"A schedule needs a rescan rule: IF_UNSCANNED, ALWAYS or SIGNATURES_BEFORE");
		}
		if (rescan == Rescan.Mode.SIGNATURES_BEFORE) {
			if ((signaturesBefore == null) == (signaturesOlderThan == null)) {
				throw new IllegalArgumentException(
						"SIGNATURES_BEFORE needs either a signatures-before date or a signatures-older-than age");
			}
			if (signaturesOlderThan != null && (signaturesOlderThan.isNegative() || signaturesOlderThan.isZero())) {
				throw new IllegalArgumentException(
						"The signatures age must be longer than zero: " + signaturesOlderThan);
			}
		}
		else if (signaturesBefore != null || signaturesOlderThan != null) {
			throw new IllegalArgumentException("A signatures date or age goes with the SIGNATURES_BEFORE rule only");
		}
		Objects.requireNonNull(updatedAt, "updatedAt");
		Objects.requireNonNull(updatedBy, "updatedBy");
	}

	/** Whether it is a directory (mounted volume) schedule. */
	public boolean volume() {
		return this.directory != null;
	}

	/**
	 * The first run after the later of the last run and the last save, if the cron
	 * expression has one.
	 * @param lastRun when the schedule last ran (or a scheduler first saw it)
	 */
	public Optional<Instant> nextRun(Instant lastRun) {
		Instant from = (lastRun == null || this.updatedAt.isAfter(lastRun)) ? this.updatedAt : lastRun;
		ZonedDateTime next = CronExpression.parse(this.cron).next(from.atZone(ZoneOffset.UTC));
		return Optional.ofNullable(next).map(ZonedDateTime::toInstant);
	}

	/**
	 * The request of the job a run at {@code now} creates (origin {@code schedule:NAME}).
	 */
	public JobRequest toRequest(Instant now) {
		String origin = "schedule:" + this.name;
		JobRequest request = volume() ? JobRequest.directory(this.directory, this.quarantineDirectory, origin)
				: JobRequest.buckets(this.buckets, origin);
		return request.withPrefix(this.prefix)
			.withWindow((this.lookback != null) ? now.minus(this.lookback) : null, now)
			.withAllVersions(this.allVersions)
			.withRescan(switch (this.rescan) {
				case IF_UNSCANNED -> Rescan.IF_UNSCANNED;
				case ALWAYS -> Rescan.ALWAYS;
				case SIGNATURES_BEFORE -> Rescan.signaturesBefore(
						(this.signaturesBefore != null) ? this.signaturesBefore : now.minus(this.signaturesOlderThan));
			});
	}

	/** The same schedule, enabled or not, saved by someone at a time. */
	public StoredSchedule withEnabled(boolean enabled, Instant at, String by) {
		return new StoredSchedule(this.name, this.cron, enabled, this.buckets, this.prefix, this.lookback,
				this.allVersions, this.rescan, this.signaturesBefore, this.signaturesOlderThan, this.directory,
				this.quarantineDirectory, at, by);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
