/**
 * The console region's stack: everything a region scans with, plus the data the whole
 * deployment records into, Cognito, the load balancer with the console and the API agents
 * behind it, and what others need to find. The parts are plain classes that build into
 * the stack, so the templates' logical ids do not depend on how the code is divided.
 */
@NullMarked
package dev.bucketwarden.infra.aws.console;

import org.jspecify.annotations.NullMarked;
