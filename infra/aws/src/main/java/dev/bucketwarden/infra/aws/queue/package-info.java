/**
 * SQS queues with their dead-letter queues, redrive policies and depth alarms.
 */
package dev.bucketwarden.infra.aws.queue;
