/**
 * The data model of BucketWarden in DynamoDB: scan results, bucket settings and
 * integrations, and the vocabulary they record. Written by the agents and the console, it
 * knows nothing of how a scan is done.
 */
package dev.bucketwarden.store;
