/**
 * Large-object scan jobs (docs/large-objects.md): one item per pinned version in the
 * results table ({@code pk = large#<bucket>/<key>}) that adds up its parts' verdicts, so
 * that the object is decided once and finished once whichever agents scan its parts; the
 * agents write it, the console's progress view reads it.
 */
@NullMarked
package dev.bucketwarden.store.large;

import org.jspecify.annotations.NullMarked;
