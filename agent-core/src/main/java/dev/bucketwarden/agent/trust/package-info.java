/**
 * Who the agents take orders from: the buckets this deployment protects (the console's
 * settings table and the deployment's bucket patterns), and the accounts, regions and
 * topics a scan request may come from. A request outside them is recorded and refused,
 * never acted on.
 */
@NullMarked
package dev.bucketwarden.agent.trust;

import org.jspecify.annotations.NullMarked;
