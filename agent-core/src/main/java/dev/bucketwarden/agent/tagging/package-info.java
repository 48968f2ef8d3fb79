/**
 * Result tags on scanned objects: our schema or GuardDuty's, always merged with the
 * user's tags.
 */
@NullMarked
package dev.bucketwarden.agent.tagging;

import org.jspecify.annotations.NullMarked;
