/**
 * The data model of BucketWarden in DynamoDB: scan results, bucket settings and
 * integrations, and the vocabulary they record. Written by the agents and the console, it
 * knows nothing of how a scan is done.
 */
@NullMarked
package dev.bucketwarden.store;

import org.jspecify.annotations.NullMarked;
