package dev.bucketwarden.jobs.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.jobs.EbsSource;
import dev.bucketwarden.jobs.JobKind;
import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.JobSpec;
import dev.bucketwarden.jobs.Rescan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** What a stored schedule accepts, when it runs next and the job it asks for. */
class StoredScheduleTests {

	private static final Instant SAVED = Instant.parse("2026-11-27T10:00:00Z");

	@Test
	void shouldRefuseBadNamesAndCronExpressions() {
		assertThatIllegalArgumentException().isThrownBy(() -> buckets("Weekly", "0 0 3 * * SUN"))
			.withMessageContaining("lower-case");
		assertThatIllegalArgumentException().isThrownBy(() -> buckets("a".repeat(65), "0 0 3 * * SUN"));
		assertThatIllegalArgumentException().isThrownBy(() -> buckets("", "0 0 3 * * SUN"));
		assertThatIllegalArgumentException().isThrownBy(() -> buckets("weekly", "every sunday"))
			.withMessageContaining("Not a cron expression");
		assertThatIllegalArgumentException().isThrownBy(() -> buckets("weekly", "0 3 * * SUN"))
			.as("five fields: Spring's cron has seconds");
		assertThat(buckets("a-1".repeat(21) + "x", "0 0 3 * * SUN").name()).hasSize(64);
	}

	@Test
	void shouldNameEitherBucketsOrADirectory() {
		assertThatIllegalArgumentException().isThrownBy(() -> schedule(List.of(), null, Rescan.Mode.ALWAYS, null, null))
			.withMessageContaining("either buckets or a directory or an EBS volume");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> schedule(List.of("b"), "/mnt/efs", Rescan.Mode.ALWAYS, null, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> schedule(List.of(" ", ""), null, Rescan.Mode.ALWAYS, null, null));
		assertThat(schedule(List.of(), "/mnt/efs", Rescan.Mode.ALWAYS, null, null).schedule().volume()).isTrue();
	}

	@Test
	void shouldScheduleAnEbsVolumeAsAnEbsJobOfTheVolume() {
		StoredSchedule ebs = StoredSchedule.ebsVolume("ebs", "0 0 4 * * *", true, "vol-0abc", null, SAVED, "admin");
		JobSpec spec = ebs.toSpec(SAVED, Clock.fixed(SAVED, ZoneOffset.UTC));
		assertThat(spec.kind()).isEqualTo(JobKind.EBS);
		assertThat(spec.ebs()).isEqualTo(EbsSource.volume("vol-0abc"));
		assertThat(spec.origin()).isEqualTo("schedule:ebs");
		assertThat(ebs.inRegion("us-west-2").toSpec(SAVED, Clock.systemUTC()).ebs().region()).isEqualTo("us-west-2");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StoredSchedule.ebsVolume("ebs", "0 0 4 * * *", true, "snap-1", null, SAVED, "admin"))
			.withMessageContaining("Not an EBS volume id");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Schedule("0 0 4 * * *", List.of("b"), null, null, false, Rescan.Mode.ALWAYS, null,
					null, null, null, "vol-1", null))
			.withMessageContaining("one of them");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Schedule("0 0 4 * * *", List.of(), null, Duration.ofDays(1), false,
					Rescan.Mode.ALWAYS, null, null, null, null, "vol-1", null))
			.withMessageContaining("whole snapshot");
		assertThat(buckets("b", "0 0 3 * * SUN").toSpec(SAVED, Clock.systemUTC()).kind()).isNotEqualTo(JobKind.EBS);
	}

	@Test
	void shouldNeedADateOrAnAgeForSignaturesBefore() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> schedule(List.of("b"), null, Rescan.Mode.SIGNATURES_BEFORE, null, null))
			.withMessageContaining("SIGNATURES_BEFORE needs");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> schedule(List.of("b"), null, Rescan.Mode.SIGNATURES_BEFORE, SAVED, Duration.ofDays(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> schedule(List.of("b"), null, Rescan.Mode.ALWAYS, SAVED, null))
			.withMessageContaining("SIGNATURES_BEFORE rule only");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> schedule(List.of("b"), null, Rescan.Mode.SIGNATURES_BEFORE, null, Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> schedule(List.of("b"), null, null, null, null));
	}

	@Test
	void shouldCountTheNextRunFromTheLaterOfLastRunAndLastSave() {
		StoredSchedule weekly = buckets("weekly", "0 0 3 * * SUN");
		assertThat(weekly.nextRun(null)).contains(Instant.parse("2026-11-29T03:00:00Z"));
		assertThat(weekly.nextRun(Instant.parse("2026-11-01T03:00:00Z"))).as("saved after the last run")
			.contains(Instant.parse("2026-11-29T03:00:00Z"));
		assertThat(weekly.nextRun(Instant.parse("2026-11-29T03:00:05Z")))
			.contains(Instant.parse("2026-12-06T03:00:00Z"));
		assertThat(buckets("never", "0 0 0 30 2 *").nextRun(null)).as("30 February").isEmpty();
	}

	@Test
	void shouldAskForTheJobOfARun() {
		Instant now = Instant.parse("2026-11-29T03:00:30Z");
		StoredSchedule schedule = new StoredSchedule("recent", "0 0 3 * * *", true,
				List.of("photos", "photos", " docs "), "2026/", Duration.ofDays(7), true, Rescan.Mode.SIGNATURES_BEFORE,
				null, Duration.ofDays(1), null, null, SAVED, "admin");

		JobRequest request = schedule.toRequest(now);

		assertThat(request.buckets()).containsExactly("photos", "docs");
		assertThat(request.prefix()).isEqualTo("2026/");
		assertThat(request.modifiedFrom()).isEqualTo(Instant.parse("2026-11-22T03:00:30Z"));
		assertThat(request.modifiedBefore()).isEqualTo(now);
		assertThat(request.allVersions()).isTrue();
		assertThat(request.rescan()).isEqualTo(Rescan.signaturesBefore(Instant.parse("2026-11-28T03:00:30Z")));
		assertThat(request.origin()).isEqualTo("schedule:recent");
		JobRequest volume = schedule(List.of(), "/mnt/efs", Rescan.Mode.IF_UNSCANNED, null, null).toRequest(now);
		assertThat(volume.directory()).isEqualTo("/mnt/efs");
		assertThat(volume.rescan()).isEqualTo(Rescan.IF_UNSCANNED);
		assertThat(volume.modifiedFrom()).isNull();
	}

	private static StoredSchedule buckets(String name, String cron) {
		return new StoredSchedule(name, cron, true, List.of("b"), null, null, false, Rescan.Mode.ALWAYS, null, null,
				null, null, SAVED, "admin");
	}

	private static StoredSchedule schedule(List<String> buckets, String directory, Rescan.Mode rescan, Instant before,
			Duration olderThan) {
		return new StoredSchedule("s", "0 0 3 * * *", true, buckets, null, null, false, rescan, before, olderThan,
				directory, null, SAVED, "admin");
	}

}
