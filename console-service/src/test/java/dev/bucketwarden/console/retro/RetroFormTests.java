package dev.bucketwarden.console.retro;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobCounters;
import dev.bucketwarden.jobs.JobKind;
import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.JobSpec;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.Rescan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The start form as a job spec, and a job's progress from its counters. */
class RetroFormTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

	@Test
	void shouldTurnTheFormIntoASpecWithTheDefaultsOfTheRetroAgent() {
		JobSpec spec = new StartRequest(List.of("a", "", "b"), "", "", "", false, "", "").toJobRequest("alice")
			.toSpec(CLOCK);

		assertThat(spec.buckets()).containsExactly("a", "b");
		assertThat(spec.prefix()).isEmpty();
		assertThat(spec.modifiedFrom()).isEqualTo(JobSpec.S3_LAUNCH);
		assertThat(spec.modifiedBefore()).isEqualTo(CLOCK.instant());
		assertThat(spec.rescan()).isEqualTo(Rescan.IF_UNSCANNED);
		assertThat(spec.origin()).isEqualTo("console:alice");
	}

	@Test
	void shouldReadTheBrowsersDateTimesAsUtcAndTheRescanRule() {
		JobSpec spec = new StartRequest(List.of("a"), "old/", "2026-01-31T08:00", "2026-02-01", true,
				"signatures_before", "2026-02-15T00:00:00Z")
			.toJobRequest("alice")
			.toSpec(CLOCK);

		assertThat(spec.prefix()).isEqualTo("old/");
		assertThat(spec.modifiedFrom()).isEqualTo(Instant.parse("2026-01-31T08:00:00Z"));
		assertThat(spec.modifiedBefore()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
		assertThat(spec.allVersions()).isTrue();
		assertThat(spec.rescan()).isEqualTo(Rescan.signaturesBefore(Instant.parse("2026-02-15T00:00:00Z")));
	}

	@Test
	void shouldMakeADriftCheckOnlyWhenAsked() {
		JobSpec drift = new StartRequest(List.of("a"), "", "", "", true, "", "", true).toJobRequest("alice")
			.toSpec(CLOCK);
		JobSpec scan = new StartRequest(List.of("a"), "", "", "", false, "", "", null).toJobRequest("alice")
			.toSpec(CLOCK);

		assertThat(drift.kind()).isEqualTo(JobKind.DRIFT_CHECK);
		assertThat(drift.allVersions()).isTrue();
		assertThat(scan.kind()).isEqualTo(JobKind.SCAN);
		assertThat(StartRequest.driftCheck("b").toJobRequest("bob").toSpec(CLOCK).kind())
			.isEqualTo(JobKind.DRIFT_CHECK);
	}

	@Test
	void shouldRefuseNoBucketsBadDatesAndUnknownRules() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StartRequest(List.of(), null, null, null, false, null, null).toJobRequest("a"));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new StartRequest(List.of("a"), null, "yesterday", null, false, null, null).toJobRequest("a"));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new StartRequest(List.of("a"), null, null, null, false, "SOMETIMES", null).toJobRequest("a"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StartRequest(List.of("a"), null, null, null, false, "SIGNATURES_BEFORE", "")
				.toJobRequest("a"));
	}

	@Test
	void shouldShowProgressAsScannedOfMatchedAndOneHundredOnlyWhenDone() {
		assertThat(view(JobState.CRAWLING, 50, 10, 5).percent()).isEqualTo(50);
		assertThat(view(JobState.CRAWLING, 50, 10, 5).progress())
			.isEqualTo("crawling: 50 listed, 10 matched, 5 scanned");
		assertThat(view(JobState.SCANNING, 50, 10, 10).percent()).isEqualTo(99);
		assertThat(view(JobState.SCANNING, 50, 0, 0).percent()).isZero();
		assertThat(view(JobState.DONE, 50, 0, 0).percent()).isEqualTo(100);
		assertThat(view(JobState.DONE, 50, 10, 10).progress()).isEqualTo("10 of 10 scanned, done");
		assertThat(view(JobState.CANCELLED, 50, 10, 3).percent()).isEqualTo(30);
	}

	@Test
	void shouldCallACrawlStoppedWhenItsRunSaidSoOrItsCrawlerFellSilent() {
		Duration silence = Duration.ofMinutes(5);
		Instant created = CLOCK.instant();
		Instant now = created.plus(Duration.ofMinutes(20));
		// Heard from a minute ago: crawling.
		JobView alive = JobView.of(job(JobState.CRAWLING, null, now.minus(Duration.ofMinutes(1))), now, silence);
		assertThat(alive.crawlStopped()).isFalse();
		assertThat(alive.progress()).startsWith("crawling: ");
		// Silent for six minutes: its process is gone.
		JobView silent = JobView.of(job(JobState.CRAWLING, null, now.minus(Duration.ofMinutes(6))), now, silence);
		assertThat(silent.crawlStopped()).isTrue();
		assertThat(silent.progress()).startsWith("crawl stopped: ");
		// Never heard from: counted from its creation.
		assertThat(JobView.of(job(JobState.CRAWLING, null, null), now, silence).crawlStopped()).isTrue();
		assertThat(JobView.of(job(JobState.CRAWLING, null, null), created.plus(Duration.ofMinutes(4)), silence)
			.crawlStopped()).isFalse();
		// Its run said why, however recently it was heard from.
		assertThat(JobView.of(job(JobState.CRAWLING, "The run failed: x", now), now, silence).crawlStopped()).isTrue();
		// Only a crawl can stop: a scanning job's crawler is done.
		assertThat(JobView.of(job(JobState.SCANNING, null, created), now, silence).crawlStopped()).isFalse();
		assertThat(JobView.of(job(JobState.FAILED, "no", created), now, silence).crawlStopped()).isFalse();
	}

	@Test
	void shouldCallAScanStalledWhenNoObjectGotItsResultForAWhile() {
		Duration wait = Duration.ofMinutes(5);
		Instant crawled = CLOCK.instant();
		Instant now = crawled.plus(Duration.ofMinutes(20));
		// A result a minute ago: scanning.
		JobView busy = JobView.of(scanning(crawled, now.minus(Duration.ofMinutes(1))), now, wait);
		assertThat(busy.scanStalled()).isFalse();
		assertThat(busy.resumable()).isFalse();
		// The last result six minutes ago: its workers are gone.
		JobView stalled = JobView.of(scanning(crawled, now.minus(Duration.ofMinutes(6))), now, wait);
		assertThat(stalled.scanStalled()).isTrue();
		assertThat(stalled.resumable()).isTrue();
		assertThat(stalled.crawlStopped()).isFalse();
		assertThat(stalled.progress()).endsWith(", stalled");
		// No result yet: counted from the end of the crawl.
		assertThat(JobView.of(scanning(crawled, null), now, wait).scanStalled()).isTrue();
		assertThat(JobView.of(scanning(crawled, null), crawled.plus(Duration.ofMinutes(4)), wait).scanStalled())
			.isFalse();
		// A result after a long crawl: counted from the result.
		assertThat(JobView.of(scanning(crawled.minus(Duration.ofHours(1)), now.minus(Duration.ofMinutes(1))), now, wait)
			.scanStalled()).isFalse();
		// Only a scan in progress can stall.
		assertThat(JobView
			.of(new Job("j", JobRequest.buckets(List.of("a"), "cli").toSpec(CLOCK), JobState.DONE,
					new JobCounters(Map.of()), crawled, crawled, null, null, crawled), now, wait)
			.scanStalled()).isFalse();
	}

	private static Job scanning(Instant crawled, Instant progressAt) {
		return new Job("j", JobRequest.buckets(List.of("a"), "cli").toSpec(CLOCK), JobState.SCANNING,
				new JobCounters(Map.of(Counter.MATCHED, 9L, Counter.SCANNED, 3L)), CLOCK.instant(), crawled, null, null,
				progressAt);
	}

	private static Job job(JobState state, String reason, Instant crawlerSeenAt) {
		return new Job("j", JobRequest.buckets(List.of("a"), "cli").toSpec(CLOCK), state,
				new JobCounters(Map.of(Counter.LISTED, 5L)), CLOCK.instant(), CLOCK.instant(), reason, crawlerSeenAt,
				null);
	}

	private static JobView view(JobState state, long listed, long matched, long scanned) {
		return JobView.of(
				new Job("j", JobRequest.buckets(List.of("a"), "cli").toSpec(CLOCK), state,
						new JobCounters(Map.of(Counter.LISTED, listed, Counter.MATCHED, matched, Counter.SCANNED,
								scanned, Counter.CLEAN, scanned)),
						CLOCK.instant(), CLOCK.instant(), null),
				CLOCK.instant(), Duration.ofMinutes(5));
	}

}
