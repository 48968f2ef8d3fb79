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
 * starts the task that scans it. Every start is an audit event. A verified linked
 * account's volumes and snapshots are listed through its role and scanned like the
 * deployment's own (the job names the account; the retro agent acts through the role).
 */
public class EbsScans {

	private final EbsInventory inventory;

	private final JobStore store;

	private final JobLauncher launcher;

	private final AuditLog audit;

	private final Clock clock;

	private final Duration stalledAfter;

	private final LinkedEbsInventory linked;

	public EbsScans(EbsInventory inventory, LinkedEbsInventory linked, JobStore store, JobLauncher launcher,
			AuditLog audit, Clock clock, Duration stalledAfter) {
		this.inventory = inventory;
		this.linked = linked;
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

	/** Every verified linked account's volumes and snapshots (or why not). */
	public List<LinkedEbsInventory.AccountEbs> linkedAccounts() {
		return this.linked.all();
	}

	/** A linked account's volumes, or empty when it is not a verified link. */
	public Optional<List<VolumeView>> volumes(String accountId) {
		return this.linked.volumes(accountId);
	}

	/** A linked account's snapshots, or empty when it is not a verified link. */
	public Optional<List<SnapshotView>> snapshots(String accountId) {
		return this.linked.snapshots(accountId);
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
		if (source.account() != null && this.linked.verified(source.account()).isEmpty()) {
			throw new IllegalStateException("Account " + source.account()
					+ " is not a verified linked account: link and verify it on the Accounts page first");
		}
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
				(ebs != null) ? ebs.volumeId() : null, (ebs != null) ? ebs.account() : null, findings);
	}

}
