/**
 * Engine health for readiness: every engine answers, and signatures are fresh.
 */
package dev.bucketwarden.agent.health;
