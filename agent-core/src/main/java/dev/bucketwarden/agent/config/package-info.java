/**
 * Spring Boot auto-configuration of the pipeline for every agent, one class per concern
 * (engine chain, storage, results, bucket settings, findings, trust, health, the pipeline
 * itself), each from its own {@code bucketwarden.*} prefix.
 */
@NullMarked
package dev.bucketwarden.agent.config;

import org.jspecify.annotations.NullMarked;
