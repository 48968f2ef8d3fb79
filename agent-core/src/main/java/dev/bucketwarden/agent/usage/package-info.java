/**
 * What an agent costs to run, measured: every AWS request its clients send, by bucket
 * (when the request names one), service and operation, and its running time, rolled up
 * per hour and written to the results table on a timer and at shutdown, so the console
 * can put list prices on a period's scanning.
 */
@NullMarked
package dev.bucketwarden.agent.usage;

import org.jspecify.annotations.NullMarked;
