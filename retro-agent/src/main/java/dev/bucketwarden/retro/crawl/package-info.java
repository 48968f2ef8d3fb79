/**
 * The crawler: partitions buckets by common prefixes, lists them in parallel page by
 * page, filters by LastModified and sends batches to the retro queue, with checkpoints.
 */
@NullMarked
package dev.bucketwarden.retro.crawl;

import org.jspecify.annotations.NullMarked;
