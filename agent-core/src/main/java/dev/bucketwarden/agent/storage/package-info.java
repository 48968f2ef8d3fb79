/**
 * Reading, tagging, copying and deleting S3 objects, pinned to the version that was
 * scanned.
 */
package dev.bucketwarden.agent.storage;
