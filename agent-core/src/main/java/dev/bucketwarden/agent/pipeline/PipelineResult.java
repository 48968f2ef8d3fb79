package dev.bucketwarden.agent.pipeline;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.store.results.ScanRecord;

/**
 * What the pipeline did with a request; the caller may acknowledge it.
 *
 * @param outcome what happened
 * @param record the scan record, or {@code null} when nothing was recorded
 */
public record PipelineResult(Outcome outcome, @Nullable ScanRecord record) {

	public enum Outcome {

		/** Scanned (or finished from an earlier attempt), recorded and published. */
		SCANNED,
		/** This version was already scanned, recorded and published: a redelivery. */
		ALREADY_SCANNED,
		/** The object is gone: recorded as skipped. */
		NOT_FOUND,
		/** The key now holds other content, which gets its own event and scan. */
		SUPERSEDED,
		/** The request was about a bucket we never scan (a quarantine bucket). */
		IGNORED,
		/**
		 * The bucket is not protected (not in the console's table, or outside the
		 * deployment's patterns): recorded as skipped, never read, tagged or moved.
		 */
		NOT_PROTECTED,
		/**
		 * The object is larger than the chain takes whole: a large-object job scans it in
		 * parts (docs/large-objects.md), and the job's last part finishes it.
		 */
		LARGE_OBJECT_QUEUED,
		/**
		 * A part of a large-object job was handled: scanned, found done, or its job
		 * finished (then the record is the job's).
		 */
		LARGE_OBJECT_PART

	}

}
