/**
 * The result tags' schema as the results table records it: which keys are ours, which
 * schema a bucket uses (ours or GuardDuty's) and how far writing them went. Building and
 * merging the tags is the pipeline's work (agent-core's tagging).
 */
@NullMarked
package dev.bucketwarden.store.tags;

import org.jspecify.annotations.NullMarked;
