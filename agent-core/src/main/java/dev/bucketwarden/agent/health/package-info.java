/**
 * Engine health for readiness: every engine answers, and signatures are fresh.
 */
@NullMarked
package dev.bucketwarden.agent.health;

import org.jspecify.annotations.NullMarked;
