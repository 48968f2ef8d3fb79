/**
 * The scan pipeline shared by the event, API and retro agents: fetch, scan, tag,
 * remediate, record, publish.
 */
@NullMarked
package dev.bucketwarden.agent;

import org.jspecify.annotations.NullMarked;
