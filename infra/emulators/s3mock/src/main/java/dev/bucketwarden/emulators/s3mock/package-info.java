/**
 * Code that runs inside the S3Mock child JVM of the local stack, never in ours.
 */
@NullMarked
package dev.bucketwarden.emulators.s3mock;

import org.jspecify.annotations.NullMarked;
