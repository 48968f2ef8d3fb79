/**
 * Code that runs inside the DynamoDB Local child JVM of the local stack, never in ours.
 */
package dev.bucketwarden.emulators.dynamodb;
