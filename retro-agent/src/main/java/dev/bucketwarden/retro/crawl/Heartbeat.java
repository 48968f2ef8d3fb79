package dev.bucketwarden.retro.crawl;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.jobs.JobStore;

/**
 * Records on the job, at once and then every interval until closed, that its crawler is
 * alive. A crawler whose process is gone (its task stopped, its host lost) cannot say why
 * it stopped; its silence is what the console sees.
 */
final class Heartbeat implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Heartbeat.class);

	private final JobStore jobs;

	private final String jobId;

	private final Duration interval;

	private final Thread thread;

	/**
	 * Set by {@link #close()}; an interrupt alone may be swallowed by a call in flight.
	 */
	private volatile boolean closed;

	private Heartbeat(JobStore jobs, String jobId, Duration interval) {
		this.jobs = jobs;
		this.jobId = jobId;
		this.interval = interval;
		this.thread = Thread.ofVirtual().name("crawl-heartbeat-" + jobId).unstarted(this::beat);
	}

	static Heartbeat start(JobStore jobs, String jobId, Duration interval) {
		Heartbeat heartbeat = new Heartbeat(jobs, jobId, interval);
		heartbeat.thread.start();
		return heartbeat;
	}

	private void beat() {
		while (!this.closed) {
			try {
				if (!this.jobs.crawlerAlive(this.jobId)) {
					// No longer crawling (done, cancelled): nothing left to say.
					return;
				}
			}
			catch (RuntimeException ex) {
				if (this.closed) {
					return;
				}
				// The table may answer at the next beat; the crawl does not depend on it.
				logger.warn("Job {}: recording the crawler's heartbeat failed: {}", this.jobId, ex.getMessage());
			}
			try {
				Thread.sleep(this.interval);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.thread.interrupt();
		try {
			this.thread.join(Duration.ofSeconds(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
