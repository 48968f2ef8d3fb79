package dev.bucketwarden.agent.large;

import java.util.List;

/** Where a large object's parts wait for a worker: the large-object queue. */
public interface PartQueue {

	/**
	 * Sends every message, all or an exception: a job is marked enqueued only after this
	 * returns, so a redelivery of its request sends again whatever a failure left out (a
	 * part sent twice is scanned once: the job counts it once).
	 */
	void send(List<PartMessage> messages);

}
