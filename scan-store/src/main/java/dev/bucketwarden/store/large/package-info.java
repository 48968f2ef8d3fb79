/**
 * Large-object scan jobs (docs/large-objects.md): one item per pinned version in the
 * results table that adds up its parts' verdicts, so that the object is decided once and
 * finished once whichever agents scan its parts.
 */
@NullMarked
package dev.bucketwarden.store.large;

import org.jspecify.annotations.NullMarked;
