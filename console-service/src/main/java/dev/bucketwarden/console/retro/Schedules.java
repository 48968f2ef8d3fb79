package dev.bucketwarden.console.retro;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

import dev.bucketwarden.console.audit.AuditLog;
import dev.bucketwarden.console.security.CurrentUser;
import dev.bucketwarden.jobs.schedule.Schedule;
import dev.bucketwarden.jobs.schedule.ScheduleClaims;
import dev.bucketwarden.jobs.schedule.ScheduleStore;
import dev.bucketwarden.jobs.schedule.StoredSchedule;

/**
 * Retro scan schedules saved in the settings table (agent-core's {@link ScheduleStore},
 * which the retro agent's scheduler reads), with their last run (the schedule's latest
 * job) and next run (from the cron expression and the run the schedulers last claimed in
 * the jobs table). Every save and delete is an audit event.
 */
public class Schedules {

	private final ScheduleStore store;

	private final ScheduleClaims claims;

	private final Supplier<List<JobView>> jobViews;

	private final Supplier<List<String>> protectedBuckets;

	private final Function<List<String>, @Nullable String> regionOf;

	private final AuditLog audit;

	private final Clock clock;

	/**
	 * @param regionOf the one region of a schedule's buckets ({@code null}: the
	 * console's), recorded on the schedule so that the retro agent's scheduler starts its
	 * runs there; refuses buckets of several regions
	 */
	public Schedules(ScheduleStore store, ScheduleClaims claims, Supplier<List<JobView>> jobViews,
			Supplier<List<String>> protectedBuckets, Function<List<String>, @Nullable String> regionOf, AuditLog audit,
			Clock clock) {
		this.store = store;
		this.claims = claims;
		this.jobViews = jobViews;
		this.protectedBuckets = protectedBuckets;
		this.regionOf = regionOf;
		this.audit = audit;
		this.clock = clock;
	}

	/** Every schedule by name, its last run found among these jobs (newest first). */
	public List<ScheduleView> list(List<JobView> jobs) {
		return this.store.list().stream().map((schedule) -> view(schedule, jobs)).toList();
	}

	/** Every schedule by name. */
	public List<ScheduleView> list() {
		return list(this.jobViews.get());
	}

	public Optional<ScheduleView> find(String name) {
		return this.store.find(name).map((schedule) -> view(schedule, this.jobViews.get()));
	}

	/** The form's values of a saved schedule. */
	public Optional<ScheduleRequest> values(String name) {
		return this.store.find(name).map(ScheduleRequest::of);
	}

	/**
	 * Creates or replaces a schedule.
	 * @param enabledByDefault what an unset {@code enabled} means
	 * @param mustBeNew refuse a name that is taken (the page's "new schedule" form)
	 */
	public ScheduleView save(Authentication user, String name, ScheduleRequest request, boolean enabledByDefault,
			boolean mustBeNew) {
		StoredSchedule schedule = request.toStored(name, enabledByDefault, this.clock.instant(),
				CurrentUser.name(user));
		List<String> allowed = this.protectedBuckets.get();
		for (String bucket : schedule.schedule().buckets()) {
			if (!allowed.contains(bucket)) {
				throw new IllegalArgumentException("Bucket " + bucket + " is not protected");
			}
		}
		schedule = schedule.inRegion(this.regionOf.apply(schedule.schedule().buckets()));
		if (mustBeNew && this.store.find(name).isPresent()) {
			throw new IllegalArgumentException("A schedule named " + name + " exists: edit it instead");
		}
		this.store.put(schedule);
		this.audit.record(user, "schedule.save", name, details(schedule));
		return view(schedule, List.of());
	}

	/**
	 * Enables or disables a schedule; a schedule enabled again counts its runs from now.
	 * @return the schedule, or empty if there is none of that name
	 */
	public Optional<ScheduleView> enable(Authentication user, String name, boolean enabled) {
		Optional<StoredSchedule> found = this.store.find(name);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		StoredSchedule schedule = found.get().withEnabled(enabled, this.clock.instant(), CurrentUser.name(user));
		this.store.put(schedule);
		this.audit.record(user, "schedule.save", name, details(schedule));
		return Optional.of(view(schedule, List.of()));
	}

	/**
	 * Deletes a schedule: schedulers stop running it within their refresh interval.
	 * @return whether there was one
	 */
	public boolean delete(Authentication user, String name) {
		boolean deleted = this.store.delete(name);
		if (deleted) {
			this.audit.record(user, "schedule.delete", name, Map.of());
		}
		return deleted;
	}

	private ScheduleView view(StoredSchedule schedule, List<JobView> jobs) {
		Instant now = this.clock.instant();
		String origin = "schedule:" + schedule.name();
		JobView last = jobs.stream().filter((job) -> origin.equals(job.origin())).findFirst().orElse(null);
		Instant next = null;
		if (schedule.enabled()) {
			// A scheduler that has not seen it yet counts from when it first does.
			next = schedule.nextRun(this.claims.lastRun(schedule.name()).orElse(now)).orElse(null);
		}
		return ScheduleView.of(schedule, last, next, now);
	}

	private static Map<String, String> details(StoredSchedule stored) {
		Schedule schedule = stored.schedule();
		Map<String, String> details = new LinkedHashMap<>();
		details.put("cron", schedule.cron());
		details.put("enabled", Boolean.toString(stored.enabled()));
		if (schedule.ebs()) {
			details.put("ebsVolume", schedule.ebsVolume());
		}
		else if (schedule.volume()) {
			details.put("directory", schedule.directory());
			details.put("quarantineDirectory", String.valueOf(schedule.quarantineDirectory()));
		}
		else {
			details.put("buckets", String.join(",", schedule.buckets()));
			details.put("prefix", (schedule.prefix() != null) ? schedule.prefix() : "");
		}
		if (schedule.region() != null) {
			details.put("region", schedule.region());
		}
		details.put("lookback", String.valueOf(ScheduleView.duration(schedule.lookback())));
		details.put("allVersions", Boolean.toString(schedule.allVersions()));
		details.put("rescan", schedule.rescan().name());
		if (schedule.signaturesBefore() != null) {
			details.put("signaturesBefore", schedule.signaturesBefore().toString());
		}
		if (schedule.signaturesOlderThan() != null) {
			details.put("signaturesOlderThan", ScheduleView.duration(schedule.signaturesOlderThan()));
		}
		return details;
	}

}
