package dev.bucketwarden.retro.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobKind;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.jobs.Rescan;
import dev.bucketwarden.jobs.schedule.Schedule;
import dev.bucketwarden.jobs.schedule.ScheduleClaims;
import dev.bucketwarden.jobs.schedule.ScheduleStore;
import dev.bucketwarden.jobs.schedule.StoredSchedule;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.time.TestClock;
import dev.bucketwarden.retro.RetroTestStack;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;
import dev.bucketwarden.store.settings.VersionedCache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Cron schedules, configured and saved in the console's settings table, against the jobs
 * table on DynamoDB Local, with a clock the test moves.
 */
class JobSchedulerIntegrationTests {

	private final RetroTestStack stack = RetroTestStack.get();

	/** Friday 27 November 2026, 10:00 UTC. */
	private final TestClock clock = TestClock.at(Instant.parse("2026-11-27T10:00:00Z"));

	@Test
	void shouldCreateAWeeklyRescanOncePerRunWhateverTheNumberOfSchedulers() {
		RetroTestStack.Lane lane = this.stack.lane("schedule");
		JobStore jobs = new JobStore(this.stack.dynamo, lane.jobsTable(), this.clock);
		Map<String, Schedule> schedules = Map.of("weekly",
				schedule("0 0 3 * * SUN", List.of("photos", "invoices"), "ALWAYS", null, null));
		JobScheduler one = new JobScheduler(schedules, jobs, claims(lane.jobsTable()), this.clock);
		JobScheduler two = new JobScheduler(schedules, jobs, claims(lane.jobsTable()), this.clock);

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
		JobScheduler scheduler = new JobScheduler(
				Map.of("fresh-signatures",
						schedule("0 0 * * * *", List.of("archive"), "SIGNATURES_BEFORE", null, Duration.ofDays(7)),
						"since-outbreak",
						schedule("0 30 * * * *", List.of("archive"), "signatures-before",
								Instant.parse("2026-11-01T00:00:00Z"), null)),
				jobs, claims(lane.jobsTable()), this.clock);
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
		assertThatIllegalArgumentException().isThrownBy(
				() -> new JobScheduler(Map.of("bad", schedule("every sunday", List.of("b"), "ALWAYS", null, null)),
						jobs, claims("unused"), this.clock));
	}

	@Test
	void shouldRunAScheduleSavedInTheConsoleOncePerRunUntilDisabledOrDeleted() {
		RetroTestStack.Lane lane = this.stack.lane("stored");
		JobStore jobs = new JobStore(this.stack.dynamo, lane.jobsTable(), this.clock);
		ScheduleStore store = settingsTable("stored");
		JobScheduler one = new JobScheduler(Map.of(), reader(store), jobs, claims(lane.jobsTable()), this.clock);
		JobScheduler two = new JobScheduler(Map.of(), reader(store), jobs, claims(lane.jobsTable()), this.clock);
		store.put(stored("nightly", "0 0 2 * * *", List.of("uploads"), true));

		assertThat(one.tick()).as("first sight: counts from now").isEmpty();
		assertThat(two.tick()).isEmpty();
		this.clock.set(Instant.parse("2026-11-28T02:00:10Z"));
		List<Job> created = one.tick();
		assertThat(two.tick()).as("the other scheduler lost the claim").isEmpty();
		assertThat(one.tick()).isEmpty();
		assertThat(created).singleElement().satisfies((job) -> {
			assertThat(job.spec().buckets()).containsExactly("uploads");
			assertThat(job.spec().origin()).isEqualTo("schedule:nightly");
			assertThat(job.spec().modifiedBefore()).isEqualTo(Instant.parse("2026-11-28T02:00:10Z"));
		});

		this.clock.set(Instant.parse("2026-11-28T12:00:00Z"));
		store.put(stored("nightly", "0 0 2 * * *", List.of("uploads"), false));
		this.clock.set(Instant.parse("2026-11-29T02:00:10Z"));
		assertThat(one.tick()).as("disabled").isEmpty();
		assertThat(two.tick()).isEmpty();

		this.clock.set(Instant.parse("2026-11-29T12:00:00Z"));
		store.put(stored("nightly", "0 0 2 * * *", List.of("uploads"), true));
		this.clock.set(Instant.parse("2026-11-29T12:01:00Z"));
		assertThat(one.tick()).as("enabled again: the run missed while disabled is not caught up").isEmpty();
		this.clock.set(Instant.parse("2026-11-30T02:00:10Z"));
		assertThat(two.tick()).hasSize(1);

		this.clock.set(Instant.parse("2026-11-30T12:00:00Z"));
		store.delete("nightly");
		this.clock.set(Instant.parse("2026-12-01T02:00:10Z"));
		assertThat(one.tick()).as("deleted").isEmpty();
		assertThat(two.tick()).isEmpty();
		assertThat(jobs.list()).extracting((job) -> job.spec().origin()).containsOnly("schedule:nightly").hasSize(2);
	}

	@Test
	void shouldSeeAChangeOnlyOnceTheRefreshIntervalHasPassed() {
		RetroTestStack.Lane lane = this.stack.lane("refresh");
		JobStore jobs = new JobStore(this.stack.dynamo, lane.jobsTable(), this.clock);
		ScheduleStore store = settingsTable("refresh");
		JobScheduler scheduler = new JobScheduler(Map.of(), reader(store), jobs, claims(lane.jobsTable()), this.clock);
		store.put(stored("hourly", "0 0 * * * *", List.of("uploads"), true));
		scheduler.tick();
		this.clock.set(Instant.parse("2026-11-27T10:59:45Z"));
		assertThat(scheduler.tick()).isEmpty();
		this.clock.set(Instant.parse("2026-11-27T10:59:50Z"));
		store.put(stored("hourly", "0 0 * * * *", List.of("uploads"), false));

		this.clock.set(Instant.parse("2026-11-27T11:00:05Z"));
		assertThat(scheduler.tick()).as("the disabling is not read yet (30 s refresh interval)").hasSize(1);
		this.clock.set(Instant.parse("2026-11-27T12:00:05Z"));
		assertThat(scheduler.tick()).isEmpty();
	}

	@Test
	void shouldLetTheConfigurationWinOverASavedScheduleOfTheSameName() {
		RetroTestStack.Lane lane = this.stack.lane("shadow");
		JobStore jobs = new JobStore(this.stack.dynamo, lane.jobsTable(), this.clock);
		ScheduleStore store = settingsTable("shadow");
		store.put(stored("weekly", "0 0 * * * *", List.of("console-bucket"), true));
		JobScheduler scheduler = new JobScheduler(
				Map.of("weekly", schedule("0 0 3 * * SUN", List.of("configured-bucket"), "ALWAYS", null, null)),
				reader(store), jobs, claims(lane.jobsTable()), this.clock);

		scheduler.tick();
		this.clock.set(Instant.parse("2026-11-27T11:00:05Z"));
		assertThat(scheduler.tick()).as("the saved hourly one does not run").isEmpty();
		this.clock.set(Instant.parse("2026-11-29T03:00:05Z"));
		assertThat(scheduler.tick()).singleElement()
			.satisfies((job) -> assertThat(job.spec().buckets()).containsExactly("configured-bucket"));
	}

	@Test
	void shouldCreateAnEbsJobOfADueVolumeScheduleAndSayWhereEachJobRuns() {
		RetroTestStack.Lane lane = this.stack.lane("ebs-schedule");
		JobStore jobs = new JobStore(this.stack.dynamo, lane.jobsTable(), this.clock);
		ScheduleStore store = settingsTable("ebs");
		JobScheduler scheduler = new JobScheduler(Map.of(), reader(store), jobs, claims(lane.jobsTable()), this.clock);
		store.put(StoredSchedule.ebsVolume("root-volume", "0 0 4 * * *", true, "vol-0123456789abcdef0", null,
				this.clock.instant(), "admin"));
		store.put(stored("west", "0 0 4 * * *", List.of("west-bucket"), true).inRegion("us-west-2"));

		assertThat(scheduler.due()).as("first sight: counts from now").isEmpty();
		this.clock.set(Instant.parse("2026-11-28T04:00:10Z"));
		List<JobScheduler.Due> due = scheduler.due();

		assertThat(due).hasSize(2);
		assertThat(due).filteredOn((d) -> d.job().spec().ebsJob()).singleElement().satisfies((d) -> {
			assertThat(d.job().spec().kind()).isEqualTo(JobKind.EBS);
			assertThat(d.job().spec().ebs().volumeId()).isEqualTo("vol-0123456789abcdef0");
			assertThat(d.job().spec().ebs().snapshotId()).as("taken when the job runs").isNull();
			assertThat(d.job().spec().origin()).isEqualTo("schedule:root-volume");
			assertThat(d.region()).as("the scheduler's own region").isNull();
		});
		assertThat(due).filteredOn((d) -> !d.job().spec().ebsJob()).singleElement().satisfies((d) -> {
			assertThat(d.job().spec().buckets()).containsExactly("west-bucket");
			assertThat(d.region()).isEqualTo("us-west-2");
		});
		assertThat(jobs.find(due.getFirst().job().id())).as("the job is in the central jobs table").isPresent();
	}

	/** The claims kept beside the jobs, as the agent wires them. */
	private ScheduleClaims claims(String jobsTable) {
		return new ScheduleClaims(this.stack.dynamo, jobsTable);
	}

	private ScheduleStore settingsTable(String name) {
		String table = "settings-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
		DynamoDbTables.createAndAwaitActive(this.stack.dynamo, DynamoDbSettingsTable.tableDefinition(table),
				Duration.ofSeconds(30));
		return new ScheduleStore(new DynamoDbSettingsTable(this.stack.dynamo, table));
	}

	/** What the retro agent reads: through the change counter, every 30 s at most. */
	private Supplier<List<StoredSchedule>> reader(ScheduleStore store) {
		VersionedCache<List<StoredSchedule>> cache = new VersionedCache<>("schedules", store::version,
				(previous) -> store.list(), Duration.ofSeconds(30), this.clock);
		return cache::get;
	}

	/** As the console saves it: updated now. */
	private StoredSchedule stored(String name, String cron, List<String> buckets, boolean enabled) {
		return new StoredSchedule(name, cron, enabled, buckets, null, null, false, Rescan.Mode.ALWAYS, null, null, null,
				null, this.clock.instant(), "admin");
	}

	/**
	 * As the configuration binds it (relaxed: {@code signatures-before} is
	 * SIGNATURES_BEFORE).
	 */
	private static Schedule schedule(String cron, List<String> buckets, String rescan, Instant before,
			Duration olderThan) {
		return new Schedule(cron, buckets, null, null, false,
				Rescan.Mode.valueOf(rescan.toUpperCase().replace('-', '_')), before, olderThan, null, null, null, null);
	}

}
