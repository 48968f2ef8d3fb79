package dev.bucketwarden.retro.crawl;

import java.util.List;

/** Where the crawler puts what the workers scan. */
public interface RetroQueue {

	/**
	 * Sends up to ten messages in one batch; returns only when every one was accepted.
	 * @throws dev.bucketwarden.agent.storage.StorageException when some could not be sent
	 */
	void sendBatch(List<RetroMessage> batch);

}
