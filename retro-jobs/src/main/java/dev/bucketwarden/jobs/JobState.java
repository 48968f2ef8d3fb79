package dev.bucketwarden.jobs;

/**
 * Where a job is. CRAWLING to SCANNING when every partition is listed; SCANNING to DONE
 * when every queued object has a result. CANCELLED and FAILED end a job at any point.
 */
public enum JobState {

	CRAWLING, SCANNING, DONE, CANCELLED, FAILED;

	/** Nothing more happens to a job in this state. */
	public boolean terminal() {
		return this == DONE || this == CANCELLED || this == FAILED;
	}

}
