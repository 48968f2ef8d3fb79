package dev.bucketwarden.agent.pipeline;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.large.PartMessage;
import dev.bucketwarden.agent.large.Plan;
import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.store.large.LargeScanJob;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.settings.BucketConfiguration;
import dev.bucketwarden.store.settings.LargeObjects;

/**
 * Turns an object larger than its chain's content limit into a scan job: plans its parts,
 * creates the job item (a redelivery finds it), sends one message per part, marks the job
 * enqueued. A redelivered request of an enqueued job sends nothing again.
 */
final class JobStart {

	private static final Logger logger = LoggerFactory.getLogger(JobStart.class);

	private final LargeObjectJobs large;

	private final ChainSelector chains;

	private final Clock clock;

	JobStart(LargeObjectJobs large, ChainSelector chains, Clock clock) {
		this.large = large;
		this.chains = chains;
		this.clock = clock;
	}

	/**
	 * Whether the object is scanned as a job: larger than the chain the bucket selects
	 * can take whole, no larger than the bucket's max size, the bucket wants windows, and
	 * the request is not one whose caller waits for the verdict (the API).
	 */
	boolean takes(ScanTarget target, ObjectInfo object, BucketConfiguration bucket) {
		if (target.source() == ScanSource.API || bucket.settings().largeObjects() != LargeObjects.WINDOWS
				|| object.size() > bucket.settings().maxSize().toBytes()) {
			return false;
		}
		if (!(this.chains.select(bucket) instanceof ChainSelector.Selection.Selected selected)) {
			return false;
		}
		EngineChain chain = selected.chain();
		if (object.size() <= chain.maxContentBytes()) {
			return false;
		}
		long window = this.large.window(chain);
		if (this.large.overlap() * 2 >= window) {
			// Windows this small could not hold a signature across their edges: the old
			// answer (Unscannable) rather than a plan that cannot keep its promise.
			logger.error("Not scanning {} in parts: the overlap ({} bytes) is not under half the window ({} bytes)",
					target.describe(), this.large.overlap(), window);
			return false;
		}
		return true;
	}

	PipelineResult start(ScanTarget target, ObjectInfo object, BucketConfiguration bucket) {
		EngineChain chain = ((ChainSelector.Selection.Selected) this.chains.select(bucket)).chain();
		LargeScanJob standing = this.large.jobs()
			.find(object.bucket(), object.key(), object.versionId(), object.eTag())
			.orElse(null);
		if (standing != null && standing.enqueued()) {
			logger.info("{} is a large-object job already ({} parts, {})", target.describe(), standing.parts(),
					standing.state());
			return new PipelineResult(PipelineResult.Outcome.LARGE_OBJECT_QUEUED, null);
		}
		long window = (standing != null) ? standing.coverage().window() : this.large.window(chain);
		long overlap = (standing != null) ? standing.coverage().overlap() : this.large.overlap();
		Plan plan = this.large.planner().plan(object, window, overlap);
		LargeScanJob job = (standing != null) ? standing
				: this.large.jobs()
					.create(LargeScanJob.start(object.bucket(), object.key(), object.versionId(), object.eTag(),
							object.size(), UUID.randomUUID().toString(), plan.coverage(), target.source(),
							this.clock.instant()));
		if (!job.coverage().equals(plan.coverage())) {
			// A concurrent delivery created the job with another plan: its parts are the
			// ones the job counts.
			plan = this.large.planner().plan(object, job.coverage().window(), job.coverage().overlap());
		}
		if (job.enqueued()) {
			return new PipelineResult(PipelineResult.Outcome.LARGE_OBJECT_QUEUED, null);
		}
		List<PartMessage> messages = plan.parts()
			.stream()
			.map((part) -> new PartMessage(object.bucket(), object.key(), object.versionId(), object.eTag(), part))
			.toList();
		this.large.queue().send(messages);
		this.large.jobs().markEnqueued(job, this.clock.instant());
		logger.info("Queued {} ({} bytes) as a large-object job: {} parts of {} ({} bytes, overlap {})",
				target.describe(), object.size(), plan.parts().size(), plan.coverage().kind(), plan.coverage().window(),
				plan.coverage().overlap());
		return new PipelineResult(PipelineResult.Outcome.LARGE_OBJECT_QUEUED, null);
	}

}
