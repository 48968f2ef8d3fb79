package dev.bucketwarden.retro.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.jobs.schedule.Schedule;
import dev.bucketwarden.jobs.schedule.ScheduleClaims;
import dev.bucketwarden.jobs.schedule.StoredSchedule;
import dev.bucketwarden.store.StoreException;

/**
 * Creates jobs from cron schedules: those of the configuration and those saved in the
 * console (read through the settings table's change counter, so a change reaches the
 * scheduler within its refresh interval). Each schedule's last run is kept in the jobs
 * table and claimed with a conditional write, so several schedulers (or a restarted one)
 * create each run's job once. A schedule seen for the first time starts counting from
 * now: it does not fire for the past; nor does a stored one that was saved (created,
 * edited, enabled again) after its last run, which counts from the save.
 *
 * <p>
 * A stored schedule with the name of a configured one is ignored (with a warning): the
 * configuration wins, since the console cannot show what an agent's configuration holds.
 * Disabled stored schedules create no job, and a deleted one stops with the next read.
 */
public class JobScheduler {

	private static final Logger logger = LoggerFactory.getLogger(JobScheduler.class);

	private final Map<String, Schedule> schedules;

	private final Supplier<List<StoredSchedule>> stored;

	private final JobStore jobs;

	private final ScheduleClaims claims;

	private final Clock clock;

	private final Set<String> shadowed = ConcurrentHashMap.newKeySet();

	public JobScheduler(Map<String, Schedule> schedules, JobStore jobs, ScheduleClaims claims, Clock clock) {
		this(schedules, List::of, jobs, claims, clock);
	}

	/**
	 * @param schedules the configured schedules
	 * @param stored the schedules saved in the console, as last read (empty without a
	 * settings table)
	 * @param jobs where a run's job is created
	 * @param claims where each schedule's runs are claimed
	 */
	public JobScheduler(Map<String, Schedule> schedules, Supplier<List<StoredSchedule>> stored, JobStore jobs,
			ScheduleClaims claims, Clock clock) {
		this.schedules = Map.copyOf(schedules);
		this.stored = stored;
		this.jobs = jobs;
		this.claims = claims;
		this.clock = clock;
	}

	/**
	 * Creates the jobs of every schedule that is due; returns them. A schedule whose
	 * claim or job could not be written is logged and tried again at the next tick; the
	 * others go on.
	 */
	public List<Job> tick() {
		return due().stream().map(Due::job).toList();
	}

	/**
	 * Creates the jobs of every schedule that is due, as {@link #tick()}; returns them
	 * with the region each runs in.
	 */
	public List<Due> due() {
		Instant now = this.clock.instant();
		List<Due> created = new ArrayList<>();
		this.schedules.forEach((name, schedule) -> run(name, schedule, null, now)
			.ifPresent((job) -> created.add(new Due(job, schedule.region()))));
		for (StoredSchedule schedule : storedSchedules()) {
			if (this.schedules.containsKey(schedule.name())) {
				if (this.shadowed.add(schedule.name())) {
					logger.warn("Schedule {} is both configured and saved in the console: the configured one runs",
							schedule.name());
				}
				continue;
			}
			if (schedule.enabled()) {
				run(schedule.name(), schedule.schedule(), schedule.updatedAt(), now)
					.ifPresent((job) -> created.add(new Due(job, schedule.schedule().region())));
			}
		}
		return created;
	}

	private List<StoredSchedule> storedSchedules() {
		try {
			return this.stored.get();
		}
		catch (StoreException ex) {
			logger.warn("Schedules saved in the console could not be read; trying again at the next tick: {}",
					ex.getMessage());
			return List.of();
		}
	}

	/**
	 * Creates the schedule's job if a run is due since the later of its last run and
	 * {@code savedAt}.
	 */
	private Optional<Job> run(String name, Schedule schedule, Instant savedAt, Instant now) {
		try {
			Optional<Instant> last = this.claims.lastRun(name);
			if (last.isEmpty()) {
				this.claims.claim(name, null, now);
				return Optional.empty();
			}
			Instant from = (savedAt != null && savedAt.isAfter(last.get())) ? savedAt : last.get();
			Optional<Instant> next = schedule.nextRun(from);
			if (next.isEmpty() || next.get().isAfter(now)) {
				return Optional.empty();
			}
			// Runs missed while no scheduler ran are one run, not a burst.
			if (!this.claims.claim(name, last.get(), now)) {
				return Optional.empty();
			}
			Job job;
			try {
				job = this.jobs.create(schedule.toSpec(name, now, this.clock));
			}
			catch (StoreException ex) {
				// Give the run back, so the next tick (of any scheduler) creates it.
				this.claims.claim(name, now, last.get());
				throw ex;
			}
			logger.info("Schedule {} ({}) created job {}", name, schedule.cron(), job.id());
			return Optional.of(job);
		}
		catch (StoreException ex) {
			logger.warn("Schedule {} could not run; trying again at the next tick: {}", name, ex.getMessage());
			return Optional.empty();
		}
	}

	/**
	 * A job a schedule created, and where it runs.
	 *
	 * @param job the job
	 * @param region the schedule's region, or {@code null} for the scheduler's own
	 */
	public record Due(Job job, @Nullable String region) {
	}

}
