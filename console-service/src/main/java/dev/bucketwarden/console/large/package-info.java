/**
 * The Large objects page: objects larger than the engines scan in one piece, scanned in
 * parts by any agent, with the parts done of the total, the bytes read, the state and the
 * age of each job, read from the job items the agents keep (docs/large-objects.md).
 */
@NullMarked
package dev.bucketwarden.console.large;

import org.jspecify.annotations.NullMarked;
