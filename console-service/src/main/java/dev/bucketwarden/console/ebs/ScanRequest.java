package dev.bucketwarden.console.ebs;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.jobs.EbsSource;

/**
 * A scan the EBS page or API asks for: of a volume (a snapshot is taken of it first) or
 * of a snapshot.
 *
 * @param volumeId the volume, or {@code null}
 * @param snapshotId the snapshot, or {@code null}
 * @param account the linked account that owns it, or {@code null} (or blank) for the
 * deployment's own
 */
public record ScanRequest(@Nullable String volumeId, @Nullable String snapshotId, @Nullable String account) {

	/** What the job names; exactly one of the two is given. */
	EbsSource source() {
		boolean volume = this.volumeId != null && !this.volumeId.isBlank();
		boolean snapshot = this.snapshotId != null && !this.snapshotId.isBlank();
		if (volume == snapshot) {
			throw new IllegalArgumentException("Name either a volume (volumeId) or a snapshot (snapshotId)");
		}
		EbsSource source = volume ? EbsSource.volume(this.volumeId.strip())
				: EbsSource.snapshot(this.snapshotId.strip());
		return source.in(null, linkedAccount());
	}

	/** The linked account named, or {@code null}. */
	@Nullable String linkedAccount() {
		return (this.account == null || this.account.isBlank()) ? null : this.account.strip();
	}

}
