package dev.bucketwarden.retro.crawl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.retro.RetroTestStack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crawler's heartbeat on DynamoDB Local: it says at once and then every interval that
 * the crawler is alive, and says nothing more once closed or once the job is no longer
 * crawling.
 */
class HeartbeatIntegrationTests {

	private final RetroTestStack stack = RetroTestStack.get();

	@Test
	void shouldBeatUntilClosed() throws Exception {
		RetroTestStack.Lane lane = this.stack.lane("heartbeat");
		Job job = lane.jobs().create(JobRequest.buckets(List.of("any"), "test").toSpec(Clock.systemUTC()));

		Instant first;
		try (Heartbeat heartbeat = Heartbeat.start(lane.jobs(), job.id(), Duration.ofMillis(100))) {
			first = awaitSeen(lane, job.id(), null);
			Instant later = awaitSeen(lane, job.id(), first);
			assertThat(later).isAfter(first);
		}
		Instant closed = seen(lane, job.id());
		Thread.sleep(400);
		assertThat(seen(lane, job.id())).as("nothing after close").isEqualTo(closed);
	}

	@Test
	void shouldStopBeatingWhenTheJobIsNoLongerCrawling() throws Exception {
		RetroTestStack.Lane lane = this.stack.lane("heartbeat-done");
		Job job = lane.jobs().create(JobRequest.buckets(List.of("any"), "test").toSpec(Clock.systemUTC()));
		lane.jobs().transition(job.id(), JobState.CRAWLING, JobState.SCANNING, null);

		try (Heartbeat heartbeat = Heartbeat.start(lane.jobs(), job.id(), Duration.ofMillis(50))) {
			Thread.sleep(300);
			assertThat(seen(lane, job.id())).as("a scanning job's crawl is over").isNull();
		}
	}

	/** Waits (at most 10 s) until the job was seen, after {@code after} if given. */
	private static Instant awaitSeen(RetroTestStack.Lane lane, String jobId, Instant after) throws Exception {
		for (int i = 0; i < 200; i++) {
			Instant seen = seen(lane, jobId);
			if (seen != null && (after == null || seen.isAfter(after))) {
				return seen;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("No heartbeat of job " + jobId + " after " + after);
	}

	private static Instant seen(RetroTestStack.Lane lane, String jobId) {
		return lane.jobs().find(jobId).orElseThrow().crawlerSeenAt();
	}

}
