package dev.bucketwarden.local.s3events;

import java.util.Optional;

/**
 * The SQS queues the relay can deliver to (ElasticMQ's, in the local stack): what a
 * bucket's queue configuration names by its ARN, whose last part is the queue's name.
 */
@FunctionalInterface
public interface QueueDirectory {

	/** None: only the scan topic can be a destination. */
	QueueDirectory NONE = (name) -> Optional.empty();

	/** A sink sending message bodies to the queue of this name, if it exists. */
	Optional<EventSink> queue(String name);

}
