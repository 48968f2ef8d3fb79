/**
 * Spring Boot auto-configuration of the pipeline for every agent, from bucketwarden.*
 * properties.
 */
@NullMarked
package dev.bucketwarden.agent.config;

import org.jspecify.annotations.NullMarked;
