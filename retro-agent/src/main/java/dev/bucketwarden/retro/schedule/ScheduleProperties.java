package dev.bucketwarden.retro.schedule;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.bucketwarden.jobs.launch.EcsTaskSettings;
import dev.bucketwarden.jobs.schedule.Schedule;

/**
 * Cron schedules that create jobs ({@code bucketwarden.retro.schedules.<name>.*}), for
 * example a weekly full rescan, or a rescan of what was scanned with signatures older
 * than a date, and the further regions whose schedules this scheduler runs.
 *
 * @param schedules schedules by name (the same {@link Schedule} the console saves, there
 * with a name, an enabled flag and who saved it)
 * @param tick how often the scheduler looks whether a schedule is due
 * @param regions the further regions with agents ({@code bucketwarden.retro.regions[N]}):
 * a schedule of one of them runs with its retro queue and task
 */
@Validated
@ConfigurationProperties("bucketwarden.retro")
public record ScheduleProperties(@Valid @DefaultValue Map<String, Schedule> schedules,
		@DefaultValue("30s") Duration tick, @Valid @DefaultValue List<Region> regions) {

	/**
	 * A further region, as the console's {@code bucketwarden.console.regions[N]} says it.
	 *
	 * @param name the region, such as {@code us-west-2}
	 * @param retroQueueUrl its retro queue (the local launcher passes it on; an ECS task
	 * of the region has its own)
	 * @param s3Endpoint its S3 endpoint, only for the local stack (its relay)
	 * @param ecs its retro task's settings (cluster, task definition, subnets, security
	 * groups), for the ECS launcher
	 */
	public record Region(@NotBlank String name, @Nullable String retroQueueUrl, @Nullable String s3Endpoint,
			@Valid @DefaultValue EcsTaskSettings ecs) {
	}

}
