package dev.bucketwarden.retro.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.retro.RetroTestStack;
import dev.bucketwarden.agent.jobs.Job;
import dev.bucketwarden.agent.jobs.JobStore;
import dev.bucketwarden.agent.jobs.Rescan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Cron schedules against the jobs table on DynamoDB Local, with a clock the test moves.
 */
class JobSchedulerIntegrationTests {

	private final RetroTestStack stack = RetroTestStack.get();

	/** Friday 27 November 2026, 10:00 UTC. */
	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T10:00:00Z"));

	@Test
	void shouldCreateAWeeklyRescanOncePerRunWhateverTheNumberOfSchedulers() {
		RetroTestStack.Lane lane = this.stack.lane("schedule");
		JobStore jobs = new JobStore(this.stack.dynamo, lane.jobsTable(), this.clock);
		Map<String, ScheduleProperties.Schedule> schedules = Map.of("weekly",
				schedule("0 0 3 * * SUN", List.of("photos", "invoices"), "ALWAYS", null, null));
		JobScheduler one = new JobScheduler(schedules, jobs, this.clock);
		JobScheduler two = new JobScheduler(schedules, jobs, this.clock);

		assertThat(one.tick()).as("first sight: counts from now").isEmpty();
		this.clock.set(Instant.parse("2026-11-29T02:59:59Z"));
		assertThat(one.tick()).isEmpty();
		this.clock.set(Instant.parse("2026-11-29T03:00:30Z"));
		List<Job> created = one.tick();
		assertThat(two.tick()).as("the other scheduler lost the claim").isEmpty();
		assertThat(one.tick()).isEmpty();

		assertThat(created).singleElement().satisfies((job) -> {
			assertThat(job.spec().buckets()).containsExactly("photos", "invoices");
			assertThat(job.spec().rescan()).isEqualTo(Rescan.ALWAYS);
			assertThat(job.spec().modifiedBefore()).isEqualTo(Instant.parse("2026-11-29T03:00:30Z"));
			assertThat(job.spec().origin()).isEqualTo("schedule:weekly");
		});
		this.clock.set(Instant.parse("2026-12-06T03:00:01Z"));
		assertThat(two.tick()).hasSize(1);
	}

	@Test
	void shouldRescanWhatOlderSignaturesScanned() {
		RetroTestStack.Lane lane = this.stack.lane("signatures");
		JobStore jobs = new JobStore(this.stack.dynamo, lane.jobsTable(), this.clock);
		JobScheduler scheduler = new JobScheduler(Map.of("fresh-signatures",
				schedule("0 0 * * * *", List.of("archive"), "SIGNATURES_BEFORE", null, Duration.ofDays(7)),
				"since-outbreak", schedule("0 30 * * * *", List.of("archive"), "signatures-before",
						Instant.parse("2026-11-01T00:00:00Z"), null)),
				jobs, this.clock);
		scheduler.tick();
		this.clock.set(Instant.parse("2026-11-27T11:00:05Z"));

		List<Job> created = scheduler.tick();

		assertThat(created).extracting((job) -> job.spec().rescan())
			.containsExactlyInAnyOrder(Rescan.signaturesBefore(Instant.parse("2026-11-20T11:00:05Z")),
					Rescan.signaturesBefore(Instant.parse("2026-11-01T00:00:00Z")));
	}

	@Test
	void shouldRefuseABadCronExpression() {
		JobStore jobs = new JobStore(this.stack.dynamo, "unused", this.clock);
		assertThatIllegalArgumentException().isThrownBy(() -> new JobScheduler(
				Map.of("bad", schedule("every sunday", List.of("b"), "ALWAYS", null, null)), jobs, this.clock));
	}

	private static ScheduleProperties.Schedule schedule(String cron, List<String> buckets, String rescan,
			Instant before, Duration olderThan) {
		return new ScheduleProperties.Schedule(cron, buckets, null, null, false, rescan, before, olderThan, null, null);
	}

	static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void set(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
