/**
 * The stack a linked account deploys ({@link LinkedAccountStack}): the role the central
 * agents and console assume, with an external id, limited to that account's protected
 * buckets, and optionally a quarantine bucket of its own.
 */
@NullMarked
package dev.bucketwarden.infra.aws.linked;

import org.jspecify.annotations.NullMarked;
