package dev.bucketwarden.local.faults;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SqsException;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.elasticmq.ElasticMqServer;
import dev.bucketwarden.local.junit.ElasticMqExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The proxy in front of ElasticMQ: each fault on DeleteMessage, through the SDK. */
@ExtendWith(ElasticMqExtension.class)
class FaultProxySqsIntegrationTests {

	private static final Duration DELAY = Duration.ofSeconds(3);

	private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);

	private static SqsClient direct;

	private FaultProxy proxy;

	private String queue;

	@BeforeAll
	static void connect(ElasticMqServer server) {
		direct = AwsClients.sqs(server);
	}

	@AfterAll
	static void disconnect() {
		direct.close();
	}

	@BeforeEach
	void start(ElasticMqServer server) {
		this.proxy = FaultProxy.start("sqs", server.endpoint(), DELAY, null);
		this.queue = direct.createQueue((create) -> create.queueName("scan-" + UUID.randomUUID())).queueUrl();
	}

	@AfterEach
	void stop() {
		this.proxy.close();
	}

	@ParameterizedTest
	@EnumSource(FaultKind.class)
	void shouldFailTheDeleteMessageAttemptAsTheFaultSays(FaultKind kind) {
		Message message = sendAndReceive();
		this.proxy.arm("sqs:DeleteMessage", kind, 1);
		try (SqsClient sqs = ProxiedClients.sqs(this.proxy.endpoint(), false, ATTEMPT_TIMEOUT)) {
			switch (kind) {
				case SLOW_DOWN_503 ->
					assertThatExceptionOfType(SqsException.class).isThrownBy(() -> delete(sqs, message))
						.satisfies((ex) -> assertThat(ex.isThrottlingException()).isTrue());
				case INTERNAL_ERROR_500 ->
					assertThatExceptionOfType(SqsException.class).isThrownBy(() -> delete(sqs, message))
						.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(500));
				case RESET_MID_BODY ->
					assertThatExceptionOfType(SdkClientException.class).isThrownBy(() -> delete(sqs, message));
				case DELAY_PAST_TIMEOUT -> assertThatExceptionOfType(ApiCallAttemptTimeoutException.class)
					.isThrownBy(() -> delete(sqs, message));
			}
		}
		assertThat(this.proxy.injected()).singleElement()
			.satisfies((fault) -> assertThat(fault.operation()).hasToString("sqs:DeleteMessage"));
	}

	@ParameterizedTest
	@EnumSource(value = FaultKind.class, names = { "SLOW_DOWN_503", "INTERNAL_ERROR_500" })
	void shouldLetTheSdkRetrySucceedAfterOneFault(FaultKind kind) {
		Message message = sendAndReceive();
		this.proxy.arm("sqs:DeleteMessage", kind, 1);
		try (SqsClient sqs = ProxiedClients.sqs(this.proxy.endpoint(), true, ATTEMPT_TIMEOUT)) {
			delete(sqs, message);
		}
		assertThat(this.proxy.requests("sqs:DeleteMessage")).isEqualTo(2);
		assertThat(messagesLeft()).isZero();
	}

	/**
	 * What the chaos run must expect of ElasticMQ: after a forwarded fault the message is
	 * deleted, and the SDK's retry with the same receipt handle is refused as invalid.
	 */
	@ParameterizedTest
	@EnumSource(value = FaultKind.class, names = { "RESET_MID_BODY", "DELAY_PAST_TIMEOUT" })
	void shouldHaveDeletedTheMessageWhoseRetriedDeleteElasticMqRefuses(FaultKind kind) {
		Message message = sendAndReceive();
		this.proxy.arm("sqs:DeleteMessage", kind, 1);
		try (SqsClient sqs = ProxiedClients.sqs(this.proxy.endpoint(), true, ATTEMPT_TIMEOUT)) {
			assertThatExceptionOfType(SqsException.class).isThrownBy(() -> delete(sqs, message))
				.satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ReceiptHandleIsInvalid"));
		}
		assertThat(this.proxy.requests("sqs:DeleteMessage")).isEqualTo(2);
		assertThat(messagesLeft()).isZero();
	}

	@Test
	void shouldInjectIntoTheBatchFormOfAnArmedOperation() {
		Message message = sendAndReceive();
		this.proxy.arm("sqs:DeleteMessage", FaultKind.SLOW_DOWN_503, 1);
		try (SqsClient sqs = ProxiedClients.sqs(this.proxy.endpoint(), false, ATTEMPT_TIMEOUT)) {
			assertThatExceptionOfType(SqsException.class)
				.isThrownBy(() -> sqs.deleteMessageBatch((batch) -> batch.queueUrl(this.queue)
					.entries((entry) -> entry.id("1").receiptHandle(message.receiptHandle()))))
				.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(503));
		}
		assertThat(this.proxy.injected()).singleElement()
			.satisfies((fault) -> assertThat(fault.operation()).hasToString("sqs:DeleteMessageBatch"));
	}

	private Message sendAndReceive() {
		direct.sendMessage((send) -> send.queueUrl(this.queue).messageBody("scan me"));
		return direct.receiveMessage((receive) -> receive.queueUrl(this.queue).waitTimeSeconds(5).visibilityTimeout(60))
			.messages()
			.get(0);
	}

	private int messagesLeft() {
		Map<String, String> attributes = direct
			.getQueueAttributes((get) -> get.queueUrl(this.queue).attributeNamesWithStrings("All"))
			.attributesAsStrings();
		return Integer.parseInt(attributes.get("ApproximateNumberOfMessages"))
				+ Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible"));
	}

	private void delete(SqsClient sqs, Message message) {
		sqs.deleteMessage((delete) -> delete.queueUrl(this.queue).receiptHandle(message.receiptHandle()));
	}

}
