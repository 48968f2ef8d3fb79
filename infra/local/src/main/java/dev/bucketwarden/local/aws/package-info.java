/**
 * AWS SDK v2 helpers for the emulators: clients pointed at an emulator, and resources
 * made the way the product needs them (versioned buckets, queues with dead-letter queues,
 * tables ready to use). The SDK is an optional dependency of local-stack: callers bring
 * their own.
 */
@NullMarked
package dev.bucketwarden.local.aws;

import org.jspecify.annotations.NullMarked;
