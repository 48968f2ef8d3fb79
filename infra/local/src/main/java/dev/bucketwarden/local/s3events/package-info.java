/**
 * What AWS does and S3Mock does not: an HTTP relay in front of S3Mock that turns every
 * object written to a protected bucket into an S3 event notification, wrapped in an SNS
 * notification as in production, on the scan queue.
 */
package dev.bucketwarden.local.s3events;
