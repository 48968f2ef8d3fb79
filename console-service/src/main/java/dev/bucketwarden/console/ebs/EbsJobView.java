package dev.bucketwarden.console.ebs;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.console.retro.JobView;
import dev.bucketwarden.jobs.FileResult;

/**
 * An EBS job as the page and API show it: the job (state, counters, progress), what it
 * scans, and the files that were not Clean, each with its path on the volume.
 *
 * @param job the job
 * @param snapshotId its snapshot, or {@code null} until the one of its volume is taken
 * @param volumeId the volume it was started from, or {@code null}
 * @param account the linked account of the volume or snapshot, or {@code null} for the
 * deployment's own
 * @param findings its files that were not Clean (infected first), with their paths; empty
 * in lists
 */
public record EbsJobView(JobView job, @Nullable String snapshotId, @Nullable String volumeId, @Nullable String account,
		List<FileResult> findings) {

	public EbsJobView {
		findings = List.copyOf(findings);
	}

	/** Its infected files. */
	public List<FileResult> infected() {
		return this.findings.stream().filter((file) -> file.result().startsWith("Infected")).toList();
	}

}
