/**
 * Adobe S3Mock as the local stack's S3: a child JVM on 127.0.0.1, its objects in a work
 * directory.
 */
@NullMarked
package dev.bucketwarden.local.s3mock;

import org.jspecify.annotations.NullMarked;
