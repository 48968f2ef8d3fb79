/**
 * Starts moto's server, the local stack's stand-in for the AWS APIs that S3Mock,
 * ElasticMQ and DynamoDB Local do not have (S3 bucket policies first; SNS, SSM, STS and
 * CloudWatch where a feature needs them).
 */
@NullMarked
package dev.bucketwarden.local.moto;

import org.jspecify.annotations.NullMarked;
