/**
 * Reading, tagging, copying and deleting S3 objects, pinned to the version that was
 * scanned.
 */
@NullMarked
package dev.bucketwarden.agent.storage;

import org.jspecify.annotations.NullMarked;
