package dev.bucketwarden.jobs;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What an EBS job scans: a snapshot, mounted read-only as a volume created from it. A job
 * started from a volume names the volume first and gets its snapshot when the retro agent
 * has taken it.
 *
 * @param snapshotId the snapshot scanned, or {@code null} until the one taken of the
 * volume exists
 * @param volumeId the volume the snapshot was taken from (a job started from a volume),
 * or {@code null}
 * @param region the region of the volume and snapshot, or {@code null} for the retro
 * agent's own
 * @param account the AWS account that owns them, or {@code null} for the deployment's own
 */
public record EbsSource(@Nullable String snapshotId, @Nullable String volumeId, @Nullable String region,
		@Nullable String account) {

	public EbsSource {
		if (snapshotId == null && volumeId == null) {
			throw new IllegalArgumentException("An EBS job names a snapshot or a volume");
		}
		if (snapshotId != null && !snapshotId.startsWith("snap-")) {
			throw new IllegalArgumentException("Not a snapshot id: " + snapshotId);
		}
		if (volumeId != null && !volumeId.startsWith("vol-")) {
			throw new IllegalArgumentException("Not a volume id: " + volumeId);
		}
	}

	public static EbsSource snapshot(String snapshotId) {
		return new EbsSource(Objects.requireNonNull(snapshotId, "snapshotId"), null, null, null);
	}

	public static EbsSource volume(String volumeId) {
		return new EbsSource(null, Objects.requireNonNull(volumeId, "volumeId"), null, null);
	}

	public EbsSource in(@Nullable String region, @Nullable String account) {
		return new EbsSource(this.snapshotId, this.volumeId, region, account);
	}

	public EbsSource withSnapshot(String snapshotId) {
		return new EbsSource(snapshotId, this.volumeId, this.region, this.account);
	}

	/** For lists and logs: the snapshot, and the volume it was taken from. */
	public String describe() {
		String what = (this.snapshotId != null) ? this.snapshotId : "(snapshot not taken yet)";
		return what + ((this.volumeId != null) ? " of " + this.volumeId : "")
				+ ((this.region != null) ? " in " + this.region : "")
				+ ((this.account != null) ? " of account " + this.account : "");
	}

}
