/**
 * Task definitions of the services: the images, the ClamAV sidecar every scanning task
 * carries, and the environment that configures each Spring Boot service.
 */
@NullMarked
package dev.bucketwarden.infra.aws.service;

import org.jspecify.annotations.NullMarked;
