/**
 * Large-object scan jobs (docs/large-objects.md): an object larger than the engines scan
 * in one piece is cut into parts, and one item in the results table
 * ({@code pk = large#<bucket>/<key>}) adds the parts' verdicts up. This package holds the
 * job item's read side for the console's progress view; the agents write it.
 */
@NullMarked
package dev.bucketwarden.store.large;

import org.jspecify.annotations.NullMarked;
