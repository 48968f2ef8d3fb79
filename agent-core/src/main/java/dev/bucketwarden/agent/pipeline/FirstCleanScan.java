package dev.bucketwarden.agent.pipeline;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.findings.FindingPublisher;
import dev.bucketwarden.agent.remediation.Remediator;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.tagging.TagWriter;
import dev.bucketwarden.store.results.ResultStore;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.settings.BucketConfiguration;
import dev.bucketwarden.store.tags.TaggingStatus;

/**
 * Finishes a Clean verdict on the first look at an object (an event's first delivery)
 * with one record write instead of two: tags, then the finding, then the record, written
 * final and published. Nothing is left to remediate, so the record need not come first:
 * <ul>
 * <li>a crash before the record is written leaves no record, so the redelivery scans
 * again, tags again and publishes again: the finding is published at least once (twice
 * after such a crash), never lost;</li>
 * <li>a concurrent scan of the same version (a duplicate event) that recorded first keeps
 * its record; when that one says something other than Clean, its tags are written again
 * over ours, so the tags agree with the record that stands.</li>
 * </ul>
 * Every other verdict, and every redelivery, records first and finishes after
 * ({@link ScanCompletion}).
 */
final class FirstCleanScan {

	private static final Logger logger = LoggerFactory.getLogger(FirstCleanScan.class);

	private final ResultStore results;

	private final FindingPublisher publisher;

	private final TagWriter tags;

	FirstCleanScan(ResultStore results, FindingPublisher publisher, TagWriter tags) {
		this.results = results;
		this.publisher = publisher;
		this.tags = tags;
	}

	/**
	 * Tags, publishes and records.
	 * @param record the Clean record, not yet written, with nothing to remediate
	 */
	PipelineResult finish(ObjectInfo object, BucketConfiguration bucket, TagWriter.Plan plan, ScanRecord record) {
		TaggingStatus tagged = this.tags.write(object, plan);
		ScanRecord done = Remediator.afterTagging(record.withTagging(tagged));
		this.publisher.publish(done);
		done = done.withPublished();
		Optional<ScanRecord> standing = this.results.create(done, null);
		if (standing.isPresent()) {
			ScanRecord first = standing.get();
			if (first.status() != done.status()
					&& (first.tagging() == TaggingStatus.TAGGED || first.tagging() == TaggingStatus.PARTIAL)) {
				this.tags.rewrite(object, first, bucket.settings().tagSchema());
			}
			logger.info("Not recording s3://{}/{} as {}: a concurrent scan recorded it as {} first", object.bucket(),
					object.key(), done.status().label(), first.status().label());
			return new PipelineResult(PipelineResult.Outcome.ALREADY_SCANNED, first);
		}
		return new PipelineResult(PipelineResult.Outcome.SCANNED, done);
	}

}
