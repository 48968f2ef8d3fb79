package dev.bucketwarden.local.s3events;

/** Where the relay delivers notifications: the scan queue, in the local stack. */
@FunctionalInterface
public interface EventSink {

	/** Delivers one message body (an SNS notification wrapping an S3 event). */
	void deliver(String body) throws Exception;

}
