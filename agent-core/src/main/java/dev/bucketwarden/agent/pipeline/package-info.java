/**
 * The one scan pipeline: HEAD, skip what was already scanned, stream the pinned version
 * through the engine chain, tag, remediate, record, publish. Agents call it and
 * acknowledge after it returns; a
 * {@link dev.bucketwarden.agent.pipeline.RetryableScanException} means "do not
 * acknowledge, try again later".
 */
@NullMarked
package dev.bucketwarden.agent.pipeline;

import org.jspecify.annotations.NullMarked;
