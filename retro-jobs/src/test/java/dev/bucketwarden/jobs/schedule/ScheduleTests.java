package dev.bucketwarden.jobs.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.Rescan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A schedule as the retro agent's configuration binds it: the same type, defaults and
 * rules as the console's saved schedules.
 */
class ScheduleTests {

	@Test
	void shouldBindAConfiguredScheduleWithItsDefaults() {
		Schedule schedule = bind(Map.of("s.cron", "0 0 3 * * SUN", "s.buckets[0]", "photos"));

		assertThat(schedule.rescan()).isEqualTo(Rescan.Mode.ALWAYS);
		assertThat(schedule.allVersions()).isFalse();
		assertThat(schedule.nextRun(Instant.parse("2026-11-27T10:00:00Z")))
			.contains(Instant.parse("2026-11-29T03:00:00Z"));
		JobRequest request = schedule.toRequest("weekly", Instant.parse("2026-11-29T03:00:30Z"));
		assertThat(request.buckets()).containsExactly("photos");
		assertThat(request.origin()).isEqualTo("schedule:weekly");
	}

	@Test
	void shouldBindTheRescanRuleRelaxed() {
		Schedule schedule = bind(Map.of("s.cron", "0 0 * * * *", "s.buckets[0]", "archive", "s.rescan",
				"signatures-before", "s.signatures-older-than", "7d"));

		assertThat(schedule.rescan()).isEqualTo(Rescan.Mode.SIGNATURES_BEFORE);
		assertThat(schedule.signaturesOlderThan()).isEqualTo(Duration.ofDays(7));
	}

	@Test
	void shouldRefuseAConfiguredScheduleWithoutBucketsOrDirectory() {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(Map.of("s.cron", "0 0 3 * * SUN")))
			.havingRootCause()
			.withMessageContaining("either buckets or a directory");
	}

	private static Schedule bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bind("s", Schedule.class).get();
	}

}
