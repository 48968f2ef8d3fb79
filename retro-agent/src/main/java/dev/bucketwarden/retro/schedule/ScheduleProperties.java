package dev.bucketwarden.retro.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Cron schedules that create jobs ({@code bucketwarden.retro.schedules.<name>.*}), for
 * example a weekly full rescan, or a rescan of what was scanned with signatures older
 * than a date.
 *
 * @param schedules schedules by name
 * @param tick how often the scheduler looks whether a schedule is due
 */
@Validated
@ConfigurationProperties("bucketwarden.retro")
public record ScheduleProperties(@Valid @DefaultValue Map<String, Schedule> schedules,
		@DefaultValue("30s") Duration tick) {

	/**
	 * @param cron a Spring cron expression (second minute hour day month weekday), in UTC
	 * @param buckets the buckets (or {@code directory} instead)
	 * @param prefix only keys under this prefix
	 * @param lookback only objects modified in this period before the run; unset for all
	 * @param allVersions every version, not only current ones
	 * @param rescan {@code IF_UNSCANNED}, {@code ALWAYS} or {@code SIGNATURES_BEFORE}
	 * @param signaturesBefore for SIGNATURES_BEFORE: a fixed date
	 * @param signaturesOlderThan for SIGNATURES_BEFORE: a date this long before the run
	 * @param directory a mounted volume's directory instead of buckets
	 * @param quarantineDirectory where a directory job moves infected files
	 */
	public record Schedule(@NotBlank String cron, @DefaultValue List<String> buckets, String prefix, Duration lookback,
			@DefaultValue("false") boolean allVersions, @DefaultValue("ALWAYS") String rescan, Instant signaturesBefore,
			Duration signaturesOlderThan, String directory, String quarantineDirectory) {
	}

}
