/**
 * Tag drift as it is recorded and published: an object whose result tags no longer say
 * what its scan record says (a forged Clean, a removed Infected). The comparison itself
 * is the pipeline's (agent-core's drift).
 */
@NullMarked
package dev.bucketwarden.store.drift;

import org.jspecify.annotations.NullMarked;
