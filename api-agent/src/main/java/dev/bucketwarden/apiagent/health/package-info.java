/**
 * Readiness: the load balancer sends no traffic while a required engine is unreachable.
 */
package dev.bucketwarden.apiagent.health;
