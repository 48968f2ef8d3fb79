package dev.bucketwarden.retro;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

import dev.bucketwarden.retro.crawl.RetroMessage;

/** Test helpers for the retro queue. */
public final class Queues {

	private Queues() {
	}

	/** The objects of every message, see {@link #drainMessages}. */
	public static List<RetroMessage.Target> drain(SqsClient sqs, String queueUrl) {
		return drainMessages(sqs, queueUrl).stream().flatMap((message) -> message.objects().stream()).toList();
	}

	/**
	 * Receives and deletes every message until the queue answers empty three times in a
	 * row.
	 */
	public static List<RetroMessage> drainMessages(SqsClient sqs, String queueUrl) {
		List<RetroMessage> messages = new ArrayList<>();
		int empty = 0;
		for (int round = 0; round < 100_000 && empty < 3; round++) {
			List<Message> received = sqs
				.receiveMessage((request) -> request.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
				.messages();
			if (received.isEmpty()) {
				empty++;
				continue;
			}
			empty = 0;
			received.forEach((message) -> messages.add(RetroMessage.fromJson(message.body())));
			List<DeleteMessageBatchRequestEntry> entries = received.stream()
				.map((message) -> DeleteMessageBatchRequestEntry.builder()
					.id(message.messageId())
					.receiptHandle(message.receiptHandle())
					.build())
				.toList();
			sqs.deleteMessageBatch((request) -> request.queueUrl(queueUrl).entries(entries));
		}
		return messages;
	}

}
