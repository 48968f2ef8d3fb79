/**
 * Spring Boot auto-configuration of the pipeline for every agent, one class per concern
 * (engine chain, storage, results, bucket settings, findings, trust, health, the pipeline
 * itself), each from its own {@code bucketwarden.*} prefix.
 */
package dev.bucketwarden.agent.config;
