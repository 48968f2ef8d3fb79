package dev.bucketwarden.agent.pipeline;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * A verdict the pipeline has made final: recorded and (where the bucket tags) tagged. The
 * pipeline hands each one to the {@link ScanObserver}s once, whichever way the request
 * came in; a redelivery that finds the record finished, or a scan that lost the race to
 * record, hands none.
 *
 * @param target the request
 * @param record the record that stands
 * @param report the engines' report, or {@code null} when nothing was read (a skip, an
 * access denied)
 * @param at when the verdict was tagged (or recorded, where the bucket does not tag): the
 * end of its time to verdict
 * @param protectedBucket whether the bucket was found protected; an unprotected bucket's
 * name is a caller's word, never a metric's tag
 */
public record FinalVerdict(ScanTarget target, ScanRecord record, @Nullable ScanReport report, Instant at,
		boolean protectedBucket) {

}
