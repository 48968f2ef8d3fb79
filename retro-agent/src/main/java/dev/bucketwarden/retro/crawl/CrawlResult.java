package dev.bucketwarden.retro.crawl;

import java.time.Duration;

import dev.bucketwarden.jobs.JobState;

/**
 * What one crawler run did.
 *
 * @param jobId the job
 * @param state the job's state afterwards
 * @param listed object versions listed by this run
 * @param queued messages sent by this run
 * @param pages pages listed by this run
 * @param duration how long it took
 */
public record CrawlResult(String jobId, JobState state, long listed, long queued, long pages, Duration duration) {
}
