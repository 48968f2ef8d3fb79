package dev.bucketwarden.console.ebs;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An EBS snapshot the account (the deployment's own or a linked one) owns, with what its
 * last scan tagged it.
 *
 * @param id the snapshot id
 * @param volumeId the volume it was taken of
 * @param sizeGiB its size
 * @param state pending, completed, error
 * @param startedAt when it was taken, or {@code null}
 * @param description its description
 * @param scanResult its {@code scan-result} tag (Clean, Infected, Error), or {@code null}
 * if never scanned
 * @param scanDate its {@code scan-date} tag, or {@code null}
 * @param account the linked account that owns it, or {@code null} for the deployment's
 * own
 */
public record SnapshotView(String id, @Nullable String volumeId, int sizeGiB, String state, @Nullable Instant startedAt,
		@Nullable String description, @Nullable String scanResult, @Nullable String scanDate,
		@Nullable String account) {
}
