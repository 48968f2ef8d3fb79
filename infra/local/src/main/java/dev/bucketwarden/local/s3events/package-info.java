/**
 * What AWS does and S3Mock does not: an HTTP relay in front of S3Mock that answers the
 * bucket notification API, keeps each bucket's configurations, and turns every object
 * written to a bucket into the S3 event notification its matching configurations ask for:
 * wrapped in an SNS notification through the local scan topic, as in production, or raw
 * into an SQS queue.
 */
@NullMarked
package dev.bucketwarden.local.s3events;

import org.jspecify.annotations.NullMarked;
