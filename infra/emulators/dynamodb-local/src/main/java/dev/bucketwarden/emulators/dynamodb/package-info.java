/**
 * Code that runs inside the DynamoDB Local child JVM of the local stack, never in ours.
 */
@NullMarked
package dev.bucketwarden.emulators.dynamodb;

import org.jspecify.annotations.NullMarked;
