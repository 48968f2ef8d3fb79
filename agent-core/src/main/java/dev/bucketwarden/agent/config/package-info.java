/**
 * Spring Boot auto-configuration of the pipeline for every agent, from bucketwarden.*
 * properties.
 */
package dev.bucketwarden.agent.config;
