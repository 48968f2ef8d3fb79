/**
 * What the console keeps for the agents, as they read it: per-bucket protection settings
 * and integrations (one settings table, written by the console, cached by the agents).
 */
@NullMarked
package dev.bucketwarden.store.settings;

import org.jspecify.annotations.NullMarked;
