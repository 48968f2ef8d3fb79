/** Per-bucket protection settings, as the agents read them. */
package dev.bucketwarden.agent.settings;
