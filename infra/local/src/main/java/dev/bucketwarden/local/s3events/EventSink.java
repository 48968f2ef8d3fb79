package dev.bucketwarden.local.s3events;

/**
 * Where the relay delivers notifications: a queue (the scan topic's subscription is the
 * scan queue, in the local stack).
 */
@FunctionalInterface
public interface EventSink {

	/**
	 * Delivers one message body: an SNS notification wrapping an S3 event for the scan
	 * topic's subscription, the S3 event itself for a queue.
	 */
	void deliver(String body) throws Exception;

}
