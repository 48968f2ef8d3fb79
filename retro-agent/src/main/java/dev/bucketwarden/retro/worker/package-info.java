/**
 * Retro workers: the retro queue through the shared pipeline, counted into jobs; and the
 * launchers that start them (ECS run tasks, local processes).
 */
@NullMarked
package dev.bucketwarden.retro.worker;

import org.jspecify.annotations.NullMarked;
