package dev.bucketwarden.store.results;

/** How a scan request reached the agent that recorded it. */
public enum ScanSource {

	/** An S3 event on the scan queue. */
	EVENT,
	/** A retro scan job. */
	RETRO,
	/** An on-demand request to the API. */
	API

}
