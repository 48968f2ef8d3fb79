/**
 * The console region's stack: everything a region scans with, plus the console, the API
 * behind the load balancer, Cognito, the results store and the findings topic.
 */
@NullMarked
package dev.bucketwarden.infra.aws.console;

import org.jspecify.annotations.NullMarked;
