package dev.bucketwarden.retro.crawl;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import dev.bucketwarden.agent.storage.StorageException;

/**
 * The retro queue on SQS: SendMessageBatch, with the entries SQS refused sent again a few
 * times before giving up (the page is then not checkpointed and is listed again).
 */
public class SqsRetroQueue implements RetroQueue {

	private static final int ATTEMPTS = 3;

	private final SqsClient sqs;

	private final String queueUrl;

	public SqsRetroQueue(SqsClient sqs, String queueUrl) {
		this.sqs = sqs;
		this.queueUrl = queueUrl;
	}

	@Override
	public void sendBatch(List<RetroMessage> batch) {
		if (batch.size() > 10) {
			throw new IllegalArgumentException("SQS batches hold at most 10 messages");
		}
		List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			entries.add(SendMessageBatchRequestEntry.builder()
				.id(Integer.toString(i))
				.messageBody(batch.get(i).toJson())
				.build());
		}
		for (int attempt = 1; !entries.isEmpty(); attempt++) {
			List<SendMessageBatchRequestEntry> pending = entries;
			SendMessageBatchResponse response;
			try {
				response = this.sqs.sendMessageBatch((request) -> request.queueUrl(this.queueUrl).entries(pending));
			}
			catch (SdkException ex) {
				throw new StorageException("Sending to the retro queue failed: " + ex.getMessage(), ex);
			}
			if (response.failed().isEmpty()) {
				return;
			}
			if (attempt == ATTEMPTS) {
				throw new StorageException("The retro queue refused " + response.failed().size() + " messages: "
						+ response.failed().getFirst().message(), null);
			}
			List<String> failed = response.failed().stream().map((entry) -> entry.id()).toList();
			entries = pending.stream().filter((entry) -> failed.contains(entry.id())).toList();
		}
	}

}
