/**
 * {@code bin/bench large}: one large object in S3Mock (sparse random content written by
 * multipart upload), scanned by two event agents as a large-object job while one of them
 * is killed midway, against a bare clamd INSTREAM client on the same bytes cut into the
 * same windows (docs/large-objects.md, docs/benchmarks.md#large-objects).
 */
@NullMarked
package dev.bucketwarden.bench.large;

import org.jspecify.annotations.NullMarked;
