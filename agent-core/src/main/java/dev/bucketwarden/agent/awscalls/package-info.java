/**
 * How the agents' AWS clients call AWS: every request counted, per service and operation,
 * as Micrometer counters (what an object costs in requests, and so in request fees, is
 * measured rather than guessed), and every attempt bounded in time when the agent is told
 * to, so that a hung response is retried rather than waited for.
 */
@NullMarked
package dev.bucketwarden.agent.awscalls;

import org.jspecify.annotations.NullMarked;
