package dev.bucketwarden.retro.schedule;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.bucketwarden.jobs.schedule.Schedule;

/**
 * Cron schedules that create jobs ({@code bucketwarden.retro.schedules.<name>.*}), for
 * example a weekly full rescan, or a rescan of what was scanned with signatures older
 * than a date.
 *
 * @param schedules schedules by name (the same {@link Schedule} the console saves, there
 * with a name, an enabled flag and who saved it)
 * @param tick how often the scheduler looks whether a schedule is due
 */
@Validated
@ConfigurationProperties("bucketwarden.retro")
public record ScheduleProperties(@Valid @DefaultValue Map<String, Schedule> schedules,
		@DefaultValue("30s") Duration tick) {

}
