package dev.bucketwarden.console.regions;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.bucketwarden.jobs.launch.EcsTaskSettings;

/**
 * The regions the console reaches ({@code bucketwarden.console.region} and
 * {@code bucketwarden.console.regions}); infra/aws sets them from {@code agentRegions}.
 * The console's own region keeps its settings where they were
 * ({@code bucketwarden.console.notification-target}, {@code bucketwarden.console.retro}).
 *
 * @param region the console's own region; unset, its AWS region
 * @param regions one entry per further region with agents; a bucket of a region with
 * neither is shown and refused when protected
 */
@Validated
@ConfigurationProperties("bucketwarden.console")
public record RegionsProperties(@Nullable @Pattern(regexp = REGION, message = REGION_MESSAGE) String region,
		@Valid @DefaultValue List<Region> regions) {

	static final String REGION = "[a-z]{2}(-[a-z]+)+-\\d";

	static final String REGION_MESSAGE = "must be an AWS region such as us-west-2";

	public RegionsProperties {
		regions = (regions != null) ? List.copyOf(regions) : List.of();
		Set<String> names = new HashSet<>();
		for (Region entry : regions) {
			if (!names.add(entry.name()) || entry.name().equals(region)) {
				throw new IllegalArgumentException("bucketwarden.console.regions names region " + entry.name()
						+ " twice (or as the console's own)");
			}
		}
	}

	/**
	 * A further region with agents.
	 *
	 * @param name the region, such as {@code us-west-2}
	 * @param notificationTarget the ARN of the region's S3 event topic (or queue), which
	 * protecting a bucket of the region wires its event notifications to (S3 accepts only
	 * a destination in the bucket's own region); unset, protecting only records the
	 * settings, as for the console's own region
	 * @param s3Endpoint the region's S3 endpoint, only for the local stack and tests (the
	 * region's S3 event relay); unset, the console's own endpoint override if it has one,
	 * else AWS's endpoint of the region
	 * @param retroQueueUrl the region's retro queue, for the retro agent run for a job of
	 * the region's buckets
	 * @param retroEcs the region's retro agent task (cluster, task definition, subnets,
	 * security groups), as {@code bucketwarden.console.retro.ecs} for the console's own
	 * @param protectableBuckets the buckets of the region this deployment can protect
	 * (names or patterns, as {@code bucketwarden.console.protectable-buckets} for the
	 * console's own region; infra/aws sets the region's {@code protectedBuckets} and its
	 * linked accounts'); unset, the console's list
	 */
	public record Region(@NotBlank @Pattern(regexp = REGION, message = REGION_MESSAGE) String name,
			@Nullable String notificationTarget, @Nullable URI s3Endpoint, @Nullable String retroQueueUrl,
			@Valid @DefaultValue EcsTaskSettings retroEcs, @Nullable List<String> protectableBuckets) {

		public Region {
			notificationTarget = (notificationTarget == null || notificationTarget.isBlank()) ? null
					: notificationTarget.strip();
			retroQueueUrl = (retroQueueUrl == null || retroQueueUrl.isBlank()) ? null : retroQueueUrl.strip();
			retroEcs = (retroEcs != null) ? retroEcs
					: new EcsTaskSettings(null, null, "retro-agent", List.of(), List.of(), false, "LATEST", null);
			protectableBuckets = (protectableBuckets != null && !protectableBuckets.isEmpty())
					? List.copyOf(protectableBuckets) : null;
		}

	}

}
