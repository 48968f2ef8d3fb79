/**
 * What the console keeps for the agents, as they read it: per-bucket protection settings,
 * integrations and retro scan schedules.
 */
package dev.bucketwarden.agent.settings;
