package dev.bucketwarden.agent.findings;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.moto.MotoOptions;
import dev.bucketwarden.local.moto.MotoServer;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Findings of concurrent scans sent in batches to real SNS and EventBridge APIs (moto
 * server), each reaching an SQS queue subscribed to the topic or targeted by the bus's
 * rule: every finding arrives, none twice.
 */
class BatchedFindingsIntegrationTests {

	private static final int FINDINGS = 12;

	private static MotoServer moto;

	@BeforeAll
	static void startMoto() {
		moto = MotoServer.start(MotoOptions.in(Path.of("target", "moto-findings-" + ProcessHandle.current().pid())));
	}

	@AfterAll
	static void stopMoto() {
		if (moto != null) {
			moto.close();
		}
	}

	@Test
	void shouldDeliverEveryFindingOfConcurrentScansThroughSnsPublishBatch() throws Exception {
		SqsClient sqs = AwsClients.sqs(moto);
		String queueUrl = sqs.createQueue((request) -> request.queueName("sns-findings")).queueUrl();
		SnsClient sns = SnsClient.builder()
			.endpointOverride(moto.endpoint())
			.region(Region.of(moto.region()))
			.credentialsProvider(credentials())
			.httpClient(UrlConnectionHttpClient.create())
			.build();
		String topicArn = sns.createTopic((request) -> request.name("findings")).topicArn();
		sns.subscribe((request) -> request.topicArn(topicArn).protocol("sqs").endpoint(queueArn(sqs, queueUrl)));

		publishConcurrently(new SnsFindingPublisher(sns, topicArn, Duration.ofMillis(200)));

		assertThat(keysDelivered(sqs, queueUrl)).containsExactlyInAnyOrderElementsOf(keys());
	}

	@Test
	void shouldDeliverEveryFindingOfConcurrentScansThroughOnePutEventsPerBatch() throws Exception {
		SqsClient sqs = AwsClients.sqs(moto);
		String queueUrl = sqs.createQueue((request) -> request.queueName("bus-findings")).queueUrl();
		EventBridgeClient events = EventBridgeClient.builder()
			.endpointOverride(moto.endpoint())
			.region(Region.of(moto.region()))
			.credentialsProvider(credentials())
			.httpClient(UrlConnectionHttpClient.create())
			.build();
		events.createEventBus((request) -> request.name("findings"));
		events.putRule((request) -> request.name("all-findings")
			.eventBusName("findings")
			.eventPattern("{\"source\":[\"" + EventBridgeFindingPublisher.SOURCE + "\"]}"));
		events.putTargets((request) -> request.rule("all-findings")
			.eventBusName("findings")
			.targets((target) -> target.id("queue").arn(queueArn(sqs, queueUrl))));

		publishConcurrently(new EventBridgeFindingPublisher(events, "findings", Duration.ofMillis(200)));

		assertThat(keysDelivered(sqs, queueUrl)).containsExactlyInAnyOrderElementsOf(keys());
	}

	private static void publishConcurrently(FindingPublisher publisher) throws Exception {
		try (ExecutorService scans = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> published = new ArrayList<>();
			for (String key : keys()) {
				published.add(scans.submit(() -> publisher.publish(record(key))));
			}
			for (Future<?> future : published) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
	}

	/** The keys the queue got, one per message, read until it stays empty. */
	private static List<String> keysDelivered(SqsClient sqs, String queueUrl) {
		List<String> keys = new ArrayList<>();
		for (int poll = 0; poll < 20 && keys.size() < FINDINGS + 1; poll++) {
			List<Message> messages = sqs
				.receiveMessage((request) -> request.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
				.messages();
			if (messages.isEmpty() && keys.size() >= FINDINGS) {
				break;
			}
			for (Message message : messages) {
				java.util.regex.Matcher key = java.util.regex.Pattern.compile("incoming/finding-\\d+\\.bin")
					.matcher(message.body());
				keys.add(key.find() ? key.group() : message.body());
				sqs.deleteMessage((request) -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
			}
		}
		return keys;
	}

	private static List<String> keys() {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < FINDINGS; i++) {
			keys.add("incoming/finding-" + i + ".bin");
		}
		return keys;
	}

	private static ScanRecord record(String key) {
		return new ScanRecord("id-" + key, "uploads", key, null, "etag", 4096, ResultStatus.CLEAN, null, null,
				List.of(), List.of(), Instant.parse("2026-12-06T12:00:00Z"), Duration.ofMillis(3), TaggingStatus.TAGGED,
				RemediationState.NONE, null, false, ScanSource.EVENT);
	}

	private static String queueArn(SqsClient sqs, String queueUrl) {
		return sqs
			.getQueueAttributes((request) -> request.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
			.attributes()
			.get(QueueAttributeName.QUEUE_ARN);
	}

	private static StaticCredentialsProvider credentials() {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create(moto.accessKeyId(), moto.secretAccessKey()));
	}

}
