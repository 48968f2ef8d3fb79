package dev.bucketwarden.jobs.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;

import dev.bucketwarden.jobs.EbsSource;
import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.JobSpec;
import dev.bucketwarden.jobs.Rescan;

/**
 * A retro scan schedule: a cron expression and the job each run creates, over buckets, a
 * mounted volume's directory, or an EBS volume (each run takes a new snapshot of it and
 * scans that). The one model of a schedule, whether the retro agent's configuration holds
 * it ({@code bucketwarden.retro.schedules.<name>.*}, bound to this record) or the console
 * saves it ({@link StoredSchedule}, which adds its name, whether it is enabled and who
 * saved it when).
 *
 * @param cron a Spring cron expression (second minute hour day month weekday), in UTC
 * @param buckets the buckets to crawl, or empty for a directory schedule
 * @param prefix only keys under this prefix, or {@code null}
 * @param lookback only objects modified this long before the run, or {@code null} for all
 * @param allVersions every version, not only current ones
 * @param rescan what to do with objects scanned before ({@code IF_UNSCANNED},
 * {@code ALWAYS} or {@code SIGNATURES_BEFORE}; {@code ALWAYS} when bound and unset)
 * @param signaturesBefore for {@link Rescan.Mode#SIGNATURES_BEFORE}: a fixed date
 * @param signaturesOlderThan for {@link Rescan.Mode#SIGNATURES_BEFORE}: a date this long
 * before each run
 * @param directory a mounted volume's directory instead of buckets, or {@code null}
 * @param quarantineDirectory where a directory job moves infected files, or {@code null}
 * @param ebsVolume an EBS volume ({@code vol-...}) instead of buckets, or {@code null}:
 * each run creates an EBS job of the volume (rescan {@code ALWAYS}, nothing else set)
 * @param region the region of the buckets or volume, or {@code null} for the scheduler's
 * own: the scheduler starts the job's run with that region's retro queue and task
 * ({@code bucketwarden.retro.regions}); the console records it when it saves the schedule
 */
public record Schedule(String cron, @DefaultValue List<String> buckets, String prefix, Duration lookback,
		@DefaultValue("false") boolean allVersions, @DefaultValue("ALWAYS") Rescan.Mode rescan,
		Instant signaturesBefore, Duration signaturesOlderThan, String directory, String quarantineDirectory,
		String ebsVolume, String region) {

	public Schedule {
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
		ebsVolume = blankToNull(ebsVolume);
		region = blankToNull(region);
		int sources = (buckets.isEmpty() ? 0 : 1) + ((directory != null) ? 1 : 0) + ((ebsVolume != null) ? 1 : 0);
		if (sources != 1) {
			throw new IllegalArgumentException(
					"A schedule scans either buckets or a directory or an EBS volume, one of them: " + sources
							+ " given");
		}
		if (ebsVolume != null) {
			if (!ebsVolume.startsWith("vol-")) {
				throw new IllegalArgumentException("Not an EBS volume id: " + ebsVolume);
			}
			if (prefix != null || lookback != null || allVersions || rescan != Rescan.Mode.ALWAYS) {
				// Each run scans a new snapshot whole: a window or rescan rule would mean
				// nothing.
				throw new IllegalArgumentException(
						"An EBS volume schedule scans the whole snapshot: no prefix, lookback, versions or rescan rule");
			}
		}
		if (directory != null && region != null) {
			throw new IllegalArgumentException("A directory schedule runs where its volume is mounted: no region");
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
	}

	/** Whether it is a directory (mounted volume) schedule. */
	public boolean volume() {
		return this.directory != null;
	}

	/** Whether it is an EBS volume schedule. */
	public boolean ebs() {
		return this.ebsVolume != null;
	}

	/** The same schedule in a region ({@code null}: the scheduler's own). */
	public Schedule inRegion(String region) {
		return new Schedule(this.cron, this.buckets, this.prefix, this.lookback, this.allVersions, this.rescan,
				this.signaturesBefore, this.signaturesOlderThan, this.directory, this.quarantineDirectory,
				this.ebsVolume, region);
	}

	/** The first run after {@code from}, if the cron expression has one. */
	public Optional<Instant> nextRun(Instant from) {
		ZonedDateTime next = CronExpression.parse(this.cron).next(from.atZone(ZoneOffset.UTC));
		return Optional.ofNullable(next).map(ZonedDateTime::toInstant);
	}

	/**
	 * The spec of the job a run at {@code now} creates (origin {@code schedule:NAME}): an
	 * EBS job of the volume (its snapshot is taken when the job runs), else the
	 * {@link #toRequest request}'s.
	 */
	public JobSpec toSpec(String name, Instant now, Clock clock) {
		if (ebs()) {
			return JobSpec.ebs(EbsSource.volume(this.ebsVolume).in(this.region, null), "schedule:" + name);
		}
		return toRequest(name, now).toSpec(clock);
	}

	/**
	 * The request of the job a run at {@code now} creates (origin {@code schedule:NAME}).
	 * @throws IllegalStateException for an EBS volume schedule (see {@link #toSpec})
	 */
	public JobRequest toRequest(String name, Instant now) {
		if (ebs()) {
			throw new IllegalStateException("An EBS volume schedule's job is not a bucket or directory request");
		}
		String origin = "schedule:" + name;
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

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
