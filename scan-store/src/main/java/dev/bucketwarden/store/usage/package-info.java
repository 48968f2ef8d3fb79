/**
 * What the agents used, hour by hour: each agent instance's AWS requests by service and
 * operation (attributed to the bucket a request names, else shared) and its running time,
 * kept in the results table beside the scan records, so the console can put a price on a
 * period's scanning.
 */
@NullMarked
package dev.bucketwarden.store.usage;

import org.jspecify.annotations.NullMarked;
