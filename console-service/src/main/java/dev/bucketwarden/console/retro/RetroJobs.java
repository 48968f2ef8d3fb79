package dev.bucketwarden.console.retro;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

import dev.bucketwarden.console.audit.AuditLog;
import dev.bucketwarden.console.buckets.BucketCatalog;
import dev.bucketwarden.console.buckets.BucketDrift;
import dev.bucketwarden.console.buckets.DriftReports;
import dev.bucketwarden.console.security.CurrentUser;
import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobSpec;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.store.drift.TagDrift;

/**
 * Retro scan jobs: read from the jobs table, started (the record, then the launcher) and
 * cancelled. Every start and cancel is an audit event.
 */
public class RetroJobs implements DriftReports {

	private final JobStore store;

	private final JobLaunchers launchers;

	private final BucketCatalog buckets;

	private final AuditLog audit;

	private final Clock clock;

	private final Duration stalledAfter;

	/**
	 * @param stalledAfter how long a crawling job's crawler may be silent, or a scanning
	 * job go without a result, before it is shown as stopped or stalled
	 */
	public RetroJobs(JobStore store, JobLauncher launcher, BucketCatalog buckets, AuditLog audit, Clock clock,
			Duration stalledAfter) {
		this(store, JobLaunchers.single(launcher), buckets, audit, clock, stalledAfter);
	}

	/**
	 * @param launchers the launcher of each region with agents
	 * @param stalledAfter how long a crawling job's crawler may be silent, or a scanning
	 * job go without a result, before it is shown as stopped or stalled
	 */
	public RetroJobs(JobStore store, JobLaunchers launchers, BucketCatalog buckets, AuditLog audit, Clock clock,
			Duration stalledAfter) {
		this.store = store;
		this.launchers = launchers;
		this.buckets = buckets;
		this.audit = audit;
		this.clock = clock;
		this.stalledAfter = stalledAfter;
	}

	/** Every job, newest first. */
	public List<JobView> list() {
		Instant now = this.clock.instant();
		return this.store.list().stream().map((job) -> JobView.of(job, now, this.stalledAfter)).toList();
	}

	/** The drifts a drift check found; empty for a scan. */
	public List<TagDrift> drifts(String id) {
		return this.store.ledger().drifts(id);
	}

	/** Whether the job is a drift check. */
	public boolean driftCheck(String id) {
		return this.store.find(id).map((job) -> job.spec().driftCheck()).orElse(false);
	}

	@Override
	public Optional<BucketDrift> latestDrift(String bucket) {
		return this.store.list()
			.stream()
			.filter((job) -> job.spec().driftCheck() && job.spec().buckets().contains(bucket))
			.findFirst()
			.map((job) -> new BucketDrift(job.id(), job.state().name(), job.createdAt(),
					job.counters().get(Counter.SCANNED),
					this.store.ledger()
						.drifts(job.id())
						.stream()
						.filter((drift) -> drift.bucket().equals(bucket))
						.toList()));
	}

	public Optional<JobView> find(String id) {
		return this.store.find(id).map((job) -> JobView.of(job, this.clock.instant(), this.stalledAfter));
	}

	/** The protected buckets, which a job may crawl. */
	public List<String> protectedBuckets() {
		return this.buckets.list().stream().filter((b) -> b.isProtected()).map((b) -> b.name()).toList();
	}

	public String launcher() {
		return this.launchers.describe();
	}

	/**
	 * The region a schedule of these buckets runs in, which the console records on it:
	 * the retro agent's scheduler (in the console's region) starts each run there, with
	 * that region's retro queue and task.
	 * @return {@code null} for the console's own region (or no buckets: a directory or
	 * EBS volume of this region)
	 * @throws IllegalArgumentException when the buckets are in several regions
	 */
	public @Nullable String scheduleRegion(List<String> scheduled) {
		if (scheduled.isEmpty()) {
			return null;
		}
		String region = regionOf(scheduled);
		return region.equals(this.buckets.regions().home()) ? null : region;
	}

	/**
	 * The one region of the job's buckets: its crawler lists them and its workers fetch,
	 * tag and move their objects with that region's queue and task.
	 * @throws IllegalArgumentException when the buckets are in several regions
	 */
	String regionOf(List<String> jobBuckets) {
		String home = this.buckets.regions().home();
		Map<String, List<String>> byRegion = new TreeMap<>();
		for (String bucket : jobBuckets) {
			String region = this.buckets.protection(bucket).map((b) -> b.home().regionOr(home)).orElse(home);
			byRegion.computeIfAbsent(region, (r) -> new ArrayList<>()).add(bucket);
		}
		if (byRegion.size() > 1) {
			throw new IllegalArgumentException("A job scans the buckets of one region, these are in " + byRegion.size()
					+ ": " + byRegion + "; start one job per region");
		}
		return byRegion.isEmpty() ? home : byRegion.keySet().iterator().next();
	}

	/**
	 * Creates the job's record and starts the retro agent for it. If it cannot be
	 * started, the job is marked FAILED (so no record claims a crawl that never runs) and
	 * the failure is raised.
	 */
	public JobView start(Authentication user, StartRequest request) {
		List<String> allowed = protectedBuckets();
		for (String bucket : request.buckets()) {
			if (!allowed.contains(bucket)) {
				throw new IllegalArgumentException("Bucket " + bucket + " is not protected");
			}
		}
		String region = regionOf(request.buckets());
		JobLauncher launcher = this.launchers.of(region);
		JobSpec spec = request.toJobRequest(CurrentUser.name(user)).toSpec(this.clock);
		Job job = this.store.create(spec);
		Map<String, String> details = new LinkedHashMap<>();
		details.put("buckets", String.join(",", spec.buckets()));
		details.put("prefix", spec.prefix());
		details.put("modifiedFrom", spec.modifiedFrom().toString());
		details.put("modifiedBefore", spec.modifiedBefore().toString());
		details.put("allVersions", Boolean.toString(spec.allVersions()));
		details.put("kind", spec.kind().name());
		details.put("region", region);
		if (!spec.driftCheck()) {
			details.put("rescan", spec.rescan().mode().name());
		}
		String started;
		try {
			started = launcher.launch(job.id());
		}
		catch (RuntimeException ex) {
			this.store.transition(job.id(), JobState.CRAWLING, JobState.FAILED,
					"The retro agent could not be started: " + ex.getMessage());
			details.put("failed", String.valueOf(ex.getMessage()));
			this.audit.record(user, "retro.start", job.id(), details);
			throw ex;
		}
		details.put("started", started);
		this.audit.record(user, "retro.start", job.id(), details);
		return find(job.id()).orElseThrow();
	}

	/**
	 * Starts the retro agent again for a job whose crawl stopped (it resumes the crawl
	 * from the job's checkpoints; what was queued before is being scanned meanwhile) or
	 * whose scan stalled (it starts workers for the queued objects).
	 * @throws IllegalStateException when the job's crawl has not stopped nor its scan
	 * stalled
	 */
	public JobView resume(Authentication user, String id) {
		JobView job = find(id).orElseThrow(() -> new IllegalArgumentException("No job " + id));
		if (!job.resumable()) {
			throw new IllegalStateException("Job " + id + " is " + job.state() + (job.running()
					? " and making progress: nothing to resume" : ": a finished job cannot be resumed"));
		}
		Map<String, String> details = new LinkedHashMap<>();
		if (job.scanStalled()) {
			details.put("stalled",
					"no result since " + ((job.progressAt() != null) ? job.progressAt() : job.updatedAt()));
			// Workers are on their way: not offered again while they start.
			this.store.workersLaunched(id);
		}
		else {
			details.put("stopped",
					(job.reason() != null) ? job.reason() : "no word from its crawler since " + job.crawlerSeenAt());
			// A crawler is on its way: the job no longer shows as stopped, so nobody
			// resumes it twice while the new one starts.
			this.store.crawlerAlive(id);
		}
		String region = regionOf(job.buckets());
		details.put("region", region);
		try {
			details.put("started", this.launchers.of(region).launch(id));
		}
		catch (RuntimeException ex) {
			if (job.crawlStopped()) {
				this.store.crawlStopped(id,
						"Resuming failed: the retro agent could not be started: " + ex.getMessage());
			}
			details.put("failed", String.valueOf(ex.getMessage()));
			this.audit.record(user, "retro.resume", id, details);
			throw ex;
		}
		this.audit.record(user, "retro.resume", id, details);
		return find(id).orElseThrow();
	}

	/**
	 * Cancels a running job: its crawler stops at the next page, its workers within their
	 * job check.
	 * @return whether it was cancelled now (false: it was not running)
	 */
	public boolean cancel(Authentication user, String id) {
		boolean cancelled = this.store.cancel(id, "cancelled by " + CurrentUser.name(user));
		this.audit.record(user, "retro.cancel", id, Map.of("cancelled", Boolean.toString(cancelled)));
		return cancelled;
	}

}
