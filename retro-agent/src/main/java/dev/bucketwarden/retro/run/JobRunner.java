package dev.bucketwarden.retro.run;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;

import software.amazon.awssdk.services.sqs.SqsClient;

import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.retro.crawl.Crawler;
import dev.bucketwarden.retro.ebs.EbsJobRunner;
import dev.bucketwarden.retro.settings.RetroQueueAddress;
import dev.bucketwarden.retro.volume.VolumeScanner;
import dev.bucketwarden.retro.worker.LauncherProperties;
import dev.bucketwarden.retro.worker.WorkerLauncher;

/**
 * Runs a new job: a bucket job gets its workers, is crawled here, and gets more workers
 * if the queue is deeper than they are meant for; a directory job is walked and scanned
 * here; an EBS job gets its snapshot and the task that scans it. The command line and the
 * scheduler both start jobs this way.
 */
public class JobRunner {

	private final JobStore jobs;

	private final Crawler crawler;

	private final VolumeScanner volumes;

	private final EbsJobRunner ebs;

	private final WorkerLauncher launcher;

	private final LauncherProperties launcherProperties;

	private final SqsClient sqs;

	private final RetroQueueAddress queue;

	public JobRunner(JobStore jobs, Crawler crawler, VolumeScanner volumes, EbsJobRunner ebs, WorkerLauncher launcher,
			LauncherProperties launcherProperties, SqsClient sqs, RetroQueueAddress queue) {
		this.jobs = jobs;
		this.crawler = crawler;
		this.volumes = volumes;
		this.ebs = ebs;
		this.launcher = launcher;
		this.launcherProperties = launcherProperties;
		this.sqs = sqs;
		this.queue = queue;
	}

	/**
	 * @param workers workers to start at first, or {@code null} for the configured count
	 * @param out where to say what happens
	 */
	public Job run(Job job, Integer workers, PrintStream out) {
		if (job.spec().ebsJob()) {
			return this.ebs.run(job, out);
		}
		if (job.spec().volume()) {
			try {
				return this.volumes.scan(job.id());
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot walk " + job.spec().directory(), ex);
			}
		}
		int first = (workers != null) ? workers : this.launcherProperties.count();
		List<String> started = this.launcher.launch(job.id(), first);
		out.println("Started " + started.size() + " workers " + started);
		out.println("Crawl: " + this.crawler.crawl(job.id()));
		int wanted = Math.min(this.launcherProperties.maxCount(),
				Math.max(first, this.launcherProperties.workersFor(this.queue.depth(this.sqs))));
		if (wanted > started.size()) {
			List<String> more = this.launcher.launch(job.id(), wanted - started.size());
			out.println("The queue's depth asks for " + wanted + " workers: started " + more.size() + " more " + more);
		}
		return this.jobs.find(job.id()).orElseThrow();
	}

	/**
	 * Starts workers for a scanning job whose workers are gone (stopped tasks, a lost
	 * host) while its objects wait on the queue: as many as the queue's depth asks for,
	 * at least one.
	 * @return the workers started
	 */
	public List<String> resumeWorkers(Job job, PrintStream out) {
		int wanted = Math.min(this.launcherProperties.maxCount(),
				Math.max(1, this.launcherProperties.workersFor(this.queue.depth(this.sqs))));
		List<String> started = this.launcher.launch(job.id(), wanted);
		out.println("Started " + started.size() + " workers " + started + " for the queued objects of job " + job.id());
		return started;
	}

}
