/**
 * The Accounts page and API: AWS accounts linked to the deployment through a role that
 * demands an external id the console makes; verified with STS, removed only while none of
 * their buckets is protected, every change audited.
 */
@NullMarked
package dev.bucketwarden.console.accounts;

import org.jspecify.annotations.NullMarked;
