/**
 * Objects larger than the engine chain's content limit (docs/large-objects.md): how such
 * an object is cut into parts (overlapping windows, archive members), and how one part is
 * fetched with a ranged GET of the pinned version and scanned.
 */
@NullMarked
package dev.bucketwarden.agent.large;

import org.jspecify.annotations.NullMarked;
