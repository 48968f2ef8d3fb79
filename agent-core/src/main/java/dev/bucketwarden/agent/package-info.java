/**
 * The scan pipeline shared by the event, API and retro agents: fetch, scan, tag,
 * remediate, record, publish.
 */
package dev.bucketwarden.agent;
