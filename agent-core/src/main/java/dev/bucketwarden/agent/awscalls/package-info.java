/**
 * Counting the AWS requests the agents make, per service and operation, as Micrometer
 * counters: what an object costs in requests, and so in request fees, is measured rather
 * than guessed.
 */
@NullMarked
package dev.bucketwarden.agent.awscalls;

import org.jspecify.annotations.NullMarked;
