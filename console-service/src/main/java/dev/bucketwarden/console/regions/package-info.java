/**
 * The regions this deployment has agents in, seen from the one console: each region's S3
 * client, S3 event topic and retro settings, and which region a bucket is in.
 */
@NullMarked
package dev.bucketwarden.console.regions;

import org.jspecify.annotations.NullMarked;
