/**
 * The AWS accounts linked to the deployment, as the console keeps them in the settings
 * table: each with the role the agents and the console assume in it, the external id that
 * role demands, and where its infected objects are quarantined.
 */
@NullMarked
package dev.bucketwarden.store.accounts;

import org.jspecify.annotations.NullMarked;
