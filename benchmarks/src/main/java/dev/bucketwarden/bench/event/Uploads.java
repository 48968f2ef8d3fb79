package dev.bucketwarden.bench.event;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import dev.bucketwarden.bench.support.Pause;

/**
 * Puts the benchmark's files into the protected bucket through the S3 event relay, with
 * the agent stopped, and waits until every put's event is on the scan queue: the backlog
 * the agent then drains.
 */
final class Uploads {

	private static final Duration EVENTS_TIMEOUT = Duration.ofMinutes(2);

	private Uploads() {
	}

	/**
	 * An object as its put left it.
	 *
	 * @param bucket the bucket
	 * @param key the key
	 * @param versionId the version S3 gave it
	 * @param eTag its ETag, unquoted
	 * @param size its size
	 */
	record Uploaded(String bucket, String key, String versionId, String eTag, long size) {
	}

	/**
	 * Puts every file under {@code prefix} with {@code threads} concurrent puts, filling
	 * the buckets in turn with {@code perBucket} objects each.
	 * @return the objects in the files' order
	 */
	static List<Uploaded> put(S3Client s3, List<String> buckets, int perBucket, String prefix, List<Path> files,
			long size, int threads, Duration timeout) {
		if ((long) buckets.size() * perBucket < files.size()) {
			throw new IllegalArgumentException(
					buckets.size() + " buckets of " + perBucket + " cannot hold " + files.size() + " objects");
		}
		ExecutorService executor = Executors.newFixedThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, "bench-upload");
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<Uploaded>> puts = new ArrayList<>(files.size());
			for (int i = 0; i < files.size(); i++) {
				Path file = files.get(i);
				String bucket = buckets.get(i / perBucket);
				String key = prefix + file.getFileName();
				puts.add(executor.submit(() -> {
					PutObjectResponse response = s3.putObject(
							(request) -> request.bucket(bucket).key(key).contentType("application/octet-stream"),
							RequestBody.fromFile(file));
					return new Uploaded(bucket, key, response.versionId(), response.eTag().replace("\"", ""), size);
				}));
			}
			long deadline = System.nanoTime() + timeout.toNanos();
			List<Uploaded> uploaded = new ArrayList<>(files.size());
			for (Future<Uploaded> put : puts) {
				uploaded.add(put.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
			}
			return List.copyOf(uploaded);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Uploading " + files.size() + " objects took longer than " + timeout, ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException("A put through the S3 event relay failed: " + ex.getCause(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while uploading", ex);
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * Waits until the scan queue holds exactly {@code expected} visible messages and none
	 * in flight: the relay publishes each event just after its put returned.
	 */
	static void awaitEvents(SqsClient sqs, String queueUrl, int expected) {
		long deadline = System.nanoTime() + EVENTS_TIMEOUT.toNanos();
		QueueCounts counts = QueueCounts.of(sqs, queueUrl);
		while (counts.visible() < expected && System.nanoTime() < deadline) {
			Pause.sleep(Duration.ofMillis(100));
			counts = QueueCounts.of(sqs, queueUrl);
		}
		if (counts.visible() != expected || counts.inFlight() != 0) {
			throw new IllegalStateException("Expected " + expected + " events on the scan queue after the puts, found "
					+ counts + " within " + EVENTS_TIMEOUT.toSeconds() + " s");
		}
	}

	/** Waits until the relay holds {@code expected} events back. */
	static void awaitHeld(EventStack stack, int expected) {
		long deadline = System.nanoTime() + EVENTS_TIMEOUT.toNanos();
		while (stack.heldCount() < expected && System.nanoTime() < deadline) {
			Pause.sleep(Duration.ofMillis(100));
		}
		if (stack.heldCount() != expected) {
			throw new IllegalStateException("Expected " + expected + " events held back by the relay, found "
					+ stack.heldCount() + " within " + EVENTS_TIMEOUT.toSeconds() + " s");
		}
	}

	/**
	 * Deletes every message of a queue (receive and delete, as PurgeQueue may refuse a
	 * second purge within a minute).
	 */
	static void clearQueue(SqsClient sqs, String queueUrl) {
		long deadline = System.nanoTime() + EVENTS_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			List<Message> messages = sqs
				.receiveMessage((request) -> request.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(600))
				.messages();
			if (messages.isEmpty()) {
				if (QueueCounts.of(sqs, queueUrl).total() == 0) {
					return;
				}
				Pause.sleep(Duration.ofMillis(100));
				continue;
			}
			delete(sqs, queueUrl, messages);
		}
		throw new IllegalStateException("Could not empty " + queueUrl + " within " + EVENTS_TIMEOUT.toSeconds() + " s");
	}

	/** Deletes up to 10 received messages. */
	static void delete(SqsClient sqs, String queueUrl, List<Message> messages) {
		if (messages.isEmpty()) {
			return;
		}
		List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
		for (int i = 0; i < messages.size(); i++) {
			entries.add(DeleteMessageBatchRequestEntry.builder()
				.id(Integer.toString(i))
				.receiptHandle(messages.get(i).receiptHandle())
				.build());
		}
		sqs.deleteMessageBatch((request) -> request.queueUrl(queueUrl).entries(entries));
	}

	/**
	 * A queue's message counts (ElasticMQ's are exact).
	 *
	 * @param visible messages waiting
	 * @param inFlight messages received and not yet deleted
	 */
	record QueueCounts(int visible, int inFlight) {

		static QueueCounts of(SqsClient sqs, String queueUrl) {
			Map<QueueAttributeName, String> attributes = sqs
				.getQueueAttributes((request) -> request.queueUrl(queueUrl)
					.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
							QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
				.attributes();
			return new QueueCounts(Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
					Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
		}

		int total() {
			return this.visible + this.inFlight;
		}

		@Override
		public String toString() {
			return this.visible + " waiting, " + this.inFlight + " in flight";
		}

	}

}
