package dev.bucketwarden.retro.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.support.CronExpression;

import dev.bucketwarden.agent.jobs.Job;
import dev.bucketwarden.agent.jobs.JobRequest;
import dev.bucketwarden.agent.jobs.JobStore;
import dev.bucketwarden.agent.jobs.Rescan;

/**
 * Creates jobs from cron schedules. Each schedule's last run is kept in the jobs table
 * and claimed with a conditional write, so several schedulers (or a restarted one) create
 * each run's job once. A schedule seen for the first time starts counting from now: it
 * does not fire for the past.
 */
public class JobScheduler {

	private static final Logger logger = LoggerFactory.getLogger(JobScheduler.class);

	private final Map<String, ScheduleProperties.Schedule> schedules;

	private final JobStore jobs;

	private final Clock clock;

	public JobScheduler(Map<String, ScheduleProperties.Schedule> schedules, JobStore jobs, Clock clock) {
		schedules.forEach((name, schedule) -> CronExpression.parse(schedule.cron()));
		this.schedules = Map.copyOf(schedules);
		this.jobs = jobs;
		this.clock = clock;
	}

	/** Creates the jobs of every schedule that is due; returns them. */
	public List<Job> tick() {
		Instant now = this.clock.instant();
		List<Job> created = new ArrayList<>();
		this.schedules.forEach((name, schedule) -> {
			Optional<Instant> last = this.jobs.scheduleLastRun(name);
			if (last.isEmpty()) {
				this.jobs.claimSchedule(name, null, now);
				return;
			}
			ZonedDateTime next = CronExpression.parse(schedule.cron()).next(last.get().atZone(ZoneOffset.UTC));
			if (next == null || next.toInstant().isAfter(now)) {
				return;
			}
			// Runs missed while no scheduler ran are one run, not a burst.
			if (this.jobs.claimSchedule(name, last.get(), now)) {
				Job job = this.jobs.create(request(name, schedule, now).toSpec(this.clock));
				logger.info("Schedule {} ({}) created job {}", name, schedule.cron(), job.id());
				created.add(job);
			}
		});
		return created;
	}

	static JobRequest request(String name, ScheduleProperties.Schedule schedule, Instant now) {
		JobRequest request = (schedule.directory() != null)
				? JobRequest.directory(schedule.directory(), schedule.quarantineDirectory(), "schedule:" + name)
				: JobRequest.buckets(schedule.buckets(), "schedule:" + name);
		return request.withPrefix(schedule.prefix())
			.withWindow((schedule.lookback() != null) ? now.minus(schedule.lookback()) : null, now)
			.withAllVersions(schedule.allVersions())
			.withRescan(rescan(schedule, now));
	}

	private static Rescan rescan(ScheduleProperties.Schedule schedule, Instant now) {
		return switch (Rescan.Mode.valueOf(schedule.rescan().toUpperCase().replace('-', '_'))) {
			case IF_UNSCANNED -> Rescan.IF_UNSCANNED;
			case ALWAYS -> Rescan.ALWAYS;
			case SIGNATURES_BEFORE -> Rescan.signaturesBefore((schedule.signaturesBefore() != null)
					? schedule.signaturesBefore() : now.minus(schedule.signaturesOlderThan()));
		};
	}

}
