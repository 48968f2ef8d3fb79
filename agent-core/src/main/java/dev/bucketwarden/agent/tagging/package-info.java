/**
 * Result tags on scanned objects: our schema or GuardDuty's, always merged with the
 * user's tags.
 */
package dev.bucketwarden.agent.tagging;
