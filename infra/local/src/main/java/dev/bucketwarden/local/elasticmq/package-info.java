/**
 * ElasticMQ as the local stack's SQS: a child JVM on 127.0.0.1 with the queues it is
 * given, each main queue with a dead-letter queue.
 */
@NullMarked
package dev.bucketwarden.local.elasticmq;

import org.jspecify.annotations.NullMarked;
