package dev.bucketwarden.retro.settings;

import java.util.Map;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The retro queue's URL, from a name or a URL.
 *
 * @param url the URL
 */
public record RetroQueueAddress(String url) {

	public static RetroQueueAddress resolve(SqsClient sqs, String nameOrUrl) {
		if (nameOrUrl.startsWith("http://") || nameOrUrl.startsWith("https://")) {
			return new RetroQueueAddress(nameOrUrl);
		}
		return new RetroQueueAddress(sqs.getQueueUrl((request) -> request.queueName(nameOrUrl)).queueUrl());
	}

	/** Messages waiting, in flight and delayed: how much work is left. */
	public long depth(SqsClient sqs) {
		Map<QueueAttributeName, String> attributes = sqs
			.getQueueAttributes((request) -> request.queueUrl(this.url)
				.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
						QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
						QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
			.attributes();
		return attributes.values().stream().mapToLong(Long::parseLong).sum();
	}

}
