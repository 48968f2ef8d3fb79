/**
 * SQS queues with their dead-letter queues, redrive policies and depth alarms.
 */
@NullMarked
package dev.bucketwarden.infra.aws.queue;

import org.jspecify.annotations.NullMarked;
