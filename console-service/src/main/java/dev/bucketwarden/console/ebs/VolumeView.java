package dev.bucketwarden.console.ebs;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An EBS volume of the region, as DescribeVolumes says (in a linked account: through its
 * role).
 *
 * @param id the volume id
 * @param name its {@code Name} tag, or {@code null}
 * @param sizeGiB its size
 * @param state its state (in-use, available, ...)
 * @param availabilityZone where it is
 * @param createdAt when it was created, or {@code null}
 * @param account the linked account it is in, or {@code null} for the deployment's own
 */
public record VolumeView(String id, @Nullable String name, int sizeGiB, String state, String availabilityZone,
		@Nullable Instant createdAt, @Nullable String account) {
}
