/**
 * Whose credentials each S3 call is made with: the agent's own for a bucket of the
 * deployment's account, a linked account's role (STS AssumeRole with the link's external
 * id, cached and refreshed ahead of expiry) for a bucket of that account. One client per
 * linked account, closed when its link is removed or changed.
 */
@NullMarked
package dev.bucketwarden.agent.accounts;

import org.jspecify.annotations.NullMarked;
