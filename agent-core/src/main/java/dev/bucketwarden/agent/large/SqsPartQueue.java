package dev.bucketwarden.agent.large;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import dev.bucketwarden.agent.storage.StorageException;

/**
 * The large-object queue on SQS: parts sent ten to a batch (SQS's most), the entries a
 * batch did not take sent again once.
 */
public final class SqsPartQueue implements PartQueue {

	private static final int BATCH = 10;

	private final SqsAsyncClient sqs;

	private final String queueUrl;

	public SqsPartQueue(SqsAsyncClient sqs, String queueUrl) {
		this.sqs = sqs;
		this.queueUrl = queueUrl;
	}

	@Override
	public void send(List<PartMessage> messages) {
		for (int from = 0; from < messages.size(); from += BATCH) {
			List<PartMessage> batch = messages.subList(from, Math.min(from + BATCH, messages.size()));
			List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
			for (int i = 0; i < batch.size(); i++) {
				entries.add(SendMessageBatchRequestEntry.builder()
					.id(Integer.toString(i))
					.messageBody(batch.get(i).encode())
					.build());
			}
			sendBatch(entries, true);
		}
	}

	private void sendBatch(List<SendMessageBatchRequestEntry> entries, boolean again) {
		SendMessageBatchResponse response;
		try {
			response = this.sqs.sendMessageBatch((request) -> request.queueUrl(this.queueUrl).entries(entries)).join();
		}
		catch (CompletionException | SdkException ex) {
			throw new StorageException("Sending parts to the large-object queue failed: " + ex.getMessage(), ex);
		}
		if (response.failed().isEmpty()) {
			return;
		}
		if (!again) {
			throw new StorageException("The large-object queue refused " + response.failed().size() + " parts: "
					+ response.failed().getFirst().message(), null);
		}
		List<String> failed = response.failed().stream().map((entry) -> entry.id()).toList();
		sendBatch(entries.stream().filter((entry) -> failed.contains(entry.id())).toList(), false);
	}

}
