/**
 * EventBridge: S3 "Object Created" events as a second way into the scan queue, and
 * findings as GuardDuty-shaped events on the default bus, forwarded to the console
 * region.
 */
@NullMarked
package dev.bucketwarden.infra.aws.events;

import org.jspecify.annotations.NullMarked;
