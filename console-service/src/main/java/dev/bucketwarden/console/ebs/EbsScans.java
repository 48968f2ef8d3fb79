package dev.bucketwarden.console.ebs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.core.Authentication;

import dev.bucketwarden.console.audit.AuditLog;
import dev.bucketwarden.console.retro.JobLauncher;
import dev.bucketwarden.console.retro.JobView;
import dev.bucketwarden.console.security.CurrentUser;
import dev.bucketwarden.jobs.EbsSource;
import dev.bucketwarden.jobs.FileResult;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobSpec;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.JobStore;

/**
 * EBS scans from the console: the region's volumes and snapshots, EBS jobs (in the jobs
 * table with the retro jobs), and starting one: the job's record, then the retro agent
 * for it as for a retro job ({@code run JOB}), which takes the snapshot of a volume and
 * starts the task that scans it. Every start is an audit event.
 */
public class EbsScans {

	private final EbsInventory inventory;

	private final JobStore store;

	private final JobLauncher launcher;

	private final AuditLog audit;

	private final Clock clock;

	private final Duration stalledAfter;

	public EbsScans(EbsInventory inventory, JobStore store, JobLauncher launcher, AuditLog audit, Clock clock,
			Duration stalledAfter) {
		this.inventory = inventory;
		this.store = store;
		this.launcher = launcher;
		this.audit = audit;
		this.clock = clock;
		this.stalledAfter = stalledAfter;
	}

	public List<VolumeView> volumes() {
		return this.inventory.volumes();
	}

	public List<SnapshotView> snapshots() {
		return this.inventory.snapshots();
	}

	/** EBS jobs, newest first (without their files). */
	public List<EbsJobView> jobs() {
		Instant now = this.clock.instant();
		return this.store.list()
			.stream()
			.filter((job) -> job.spec().ebsJob())
			.map((job) -> view(job, now, List.of()))
			.toList();
	}

	/** An EBS job with its files that were not Clean. */
	public Optional<EbsJobView> find(String id) {
		return this.store.find(id)
			.filter((job) -> job.spec().ebsJob())
			.map((job) -> view(job, this.clock.instant(),
					this.store.ledger()
						.files(id)
						.stream()
						.filter((file) -> !file.result().equals("Clean"))
						.sorted(Comparator.comparing((FileResult file) -> !file.result().startsWith("Infected"))
							.thenComparing(FileResult::path))
						.toList()));
	}

	public String launcher() {
		return this.launcher.describe();
	}

	/**
	 * Creates the job's record and starts the retro agent for it. If it cannot be
	 * started, the job is marked FAILED and the failure raised.
	 */
	public EbsJobView start(Authentication user, ScanRequest request) {
		EbsSource source = request.source();
		Job job = this.store.create(JobSpec.ebs(source, CurrentUser.name(user)));
		Map<String, String> details = new LinkedHashMap<>();
		details.put("ebs", source.describe());
		try {
			details.put("started", this.launcher.launch(job.id()));
		}
		catch (RuntimeException ex) {
			this.store.transition(job.id(), JobState.CRAWLING, JobState.FAILED,
					"The retro agent could not be started: " + ex.getMessage());
			details.put("failed", String.valueOf(ex.getMessage()));
			this.audit.record(user, "ebs.start", job.id(), details);
			throw ex;
		}
		this.audit.record(user, "ebs.start", job.id(), details);
		return find(job.id()).orElseThrow();
	}

	private EbsJobView view(Job job, Instant now, List<FileResult> findings) {
		EbsSource ebs = job.spec().ebs();
		return new EbsJobView(JobView.of(job, now, this.stalledAfter), (ebs != null) ? ebs.snapshotId() : null,
				(ebs != null) ? ebs.volumeId() : null, findings);
	}

}
