/**
 * Objects larger than the engine chain's content limit (docs/large-objects.md): how such
 * an object is cut into parts by its content ({@code ContentPlanner}: runs of zip members
 * from the central directory, one sequential part for tar and gzip, overlapping windows
 * for anything else, a refusal for an archive that cannot be planned honestly), and how
 * one part is fetched with resumable ranged GETs of the pinned version and scanned
 * ({@code LargePartScanner}), member by member, with flat memory.
 */
@NullMarked
package dev.bucketwarden.agent.large;

import org.jspecify.annotations.NullMarked;
