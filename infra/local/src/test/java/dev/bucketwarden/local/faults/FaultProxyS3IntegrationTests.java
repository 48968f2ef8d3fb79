package dev.bucketwarden.local.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.S3Buckets;
import dev.bucketwarden.local.junit.S3MockExtension;
import dev.bucketwarden.local.s3mock.S3MockServer;
import dev.bucketwarden.local.samples.Samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The proxy in front of S3Mock, through the AWS SDK: what passes through arrives intact,
 * and each fault reaches the client as the failure it stands for, which the SDK's retry
 * then survives.
 */
@ExtendWith(S3MockExtension.class)
class FaultProxyS3IntegrationTests {

	/** Above the attempt timeout of the clients below, small enough for a fast test. */
	private static final Duration DELAY = Duration.ofSeconds(3);

	/** Far above an attempt's time on a busy machine, far below the delay. */
	private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);

	private static S3Client direct;

	private final String bucket = "bucket-" + UUID.randomUUID();

	private FaultProxy proxy;

	@BeforeAll
	static void connect(S3MockServer server) {
		direct = AwsClients.s3(server);
	}

	@AfterAll
	static void disconnect() {
		direct.close();
	}

	@BeforeEach
	void start(S3MockServer server) {
		this.proxy = FaultProxy.start("s3", server.endpoint(), DELAY, null);
		S3Buckets.createVersioned(direct, this.bucket);
		direct.putObject((put) -> put.bucket(this.bucket).key("object.bin"), RequestBody.fromBytes(content()));
	}

	@AfterEach
	void stop() {
		this.proxy.close();
	}

	@Test
	void shouldPassTwentyMebibytesThroughBothWaysIntactOverOneKeptAliveConnection() {
		byte[] object = Samples.random(20 << 20, 7);
		try (S3Client s3 = ProxiedClients.s3(this.proxy.endpoint(), false, Duration.ofMinutes(1))) {
			String version = s3
				.putObject((put) -> put.bucket(this.bucket).key("big.bin"), RequestBody.fromBytes(object))
				.versionId();
			byte[] read = s3.getObjectAsBytes((get) -> get.bucket(this.bucket).key("big.bin").versionId(version))
				.asByteArray();
			s3.headObject((head) -> head.bucket(this.bucket).key("big.bin"));
			s3.getObjectTagging((get) -> get.bucket(this.bucket).key("big.bin"));

			assertThat(read).isEqualTo(object);
		}
		assertThat(this.proxy.requests()).containsEntry(AwsOperation.valueOf("s3:PutObject"), 1L)
			.containsEntry(AwsOperation.valueOf("s3:GetObject"), 1L)
			.containsEntry(AwsOperation.valueOf("s3:HeadObject"), 1L)
			.containsEntry(AwsOperation.valueOf("s3:GetObjectTagging"), 1L);
		assertThat(this.proxy.connections()).isOne();
		assertThat(this.proxy.upstreamConnections()).isOne();
		assertThat(this.proxy.injected()).isEmpty();
	}

	@Test
	void shouldPassAChunkedRequestWithExtensionsAndTrailersThroughUnchanged() throws IOException {
		String body = "5;note=x\r\nhello\r\n7\r\n chunks\r\n0\r\nx-note: trailer\r\n\r\n";
		String put = "PUT /" + this.bucket + "/chunked.txt HTTP/1.1\r\nHost: " + this.proxy.endpoint().getAuthority()
				+ "\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n" + body;
		String get = "GET /" + this.bucket + "/chunked.txt HTTP/1.1\r\nHost: " + this.proxy.endpoint().getAuthority()
				+ "\r\nConnection: close\r\n\r\n";
		try (Socket socket = new Socket(this.proxy.endpoint().getHost(), this.proxy.endpoint().getPort())) {
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			out.write(put.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			HttpHead response = HttpHead.read(in);
			assertThat(response.status()).isEqualTo(200);
			Framing.ofResponse("PUT", response).copy(response, in, OutputStream.nullOutputStream());
			// The same connection, kept alive.
			out.write(get.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			assertThat(HttpHead.read(in).status()).isEqualTo(200);
		}
		assertThat(direct.getObjectAsBytes((read) -> read.bucket(this.bucket).key("chunked.txt")).asUtf8String())
			.isEqualTo("hello chunks");
		assertThat(this.proxy.connections()).isOne();
	}

	static Stream<Arguments> operationsAndFaults() {
		return Stream.of("s3:GetObject", "s3:HeadObject", "s3:PutObjectTagging", "s3:CopyObject", "s3:DeleteObject")
			.flatMap((operation) -> Stream.of(FaultKind.values()).map((kind) -> Arguments.of(operation, kind)));
	}

	/** All but a CopyObject reset, which the SDK does not retry (see below). */
	static Stream<Arguments> retriedOperationsAndFaults() {
		return operationsAndFaults().filter((arguments) -> !(arguments.get()[0].equals("s3:CopyObject")
				&& arguments.get()[1] == FaultKind.RESET_MID_BODY));
	}

	@ParameterizedTest
	@MethodSource("operationsAndFaults")
	void shouldFailTheAttemptAsTheFaultSays(String operation, FaultKind kind) {
		this.proxy.arm(operation, kind, 1);
		try (S3Client s3 = client(false)) {
			Consumer<S3Client> call = call(operation);

			switch (kind) {
				case SLOW_DOWN_503 -> assertThatExceptionOfType(S3Exception.class).isThrownBy(() -> call.accept(s3))
					.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(503))
					.satisfies((ex) -> assertThat(operation.equals("s3:HeadObject") || ex.isThrottlingException())
						.isTrue());
				case INTERNAL_ERROR_500 ->
					assertThatExceptionOfType(S3Exception.class).isThrownBy(() -> call.accept(s3))
						.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(500));
				case RESET_MID_BODY ->
					assertThatExceptionOfType(SdkClientException.class).isThrownBy(() -> call.accept(s3));
				case DELAY_PAST_TIMEOUT ->
					assertThatExceptionOfType(ApiCallAttemptTimeoutException.class).isThrownBy(() -> call.accept(s3));
			}
		}
		assertThat(this.proxy.injected()).singleElement().satisfies((fault) -> {
			assertThat(fault.operation()).hasToString(operation);
			assertThat(fault.kind()).isEqualTo(kind);
			assertThat(fault.proxy()).isEqualTo("s3");
		});
		assertThat(this.proxy.requests(operation)).isOne();
	}

	@ParameterizedTest
	@MethodSource("retriedOperationsAndFaults")
	void shouldLetTheSdkRetrySucceedAfterOneFault(String operation, FaultKind kind) {
		this.proxy.arm(operation, kind, 1);
		try (S3Client s3 = client(true)) {
			call(operation).accept(s3);
		}
		assertThat(this.proxy.injected()).hasSize(1);
		// One attempt met the fault, the next succeeded.
		assertThat(this.proxy.requests(operation)).isEqualTo(2);
		assertThat(this.proxy.pending()).isZero();
	}

	/**
	 * What callers must know: the SDK (2.41) retries a reset met while reading a response
	 * head or a body it only discards, but not one that cuts the XML body it parses, such
	 * as CopyObject's result. The copy was made; the caller sees a failure and must retry
	 * the whole step itself.
	 */
	@Test
	void shouldFailACopyWhoseResultIsCutEvenWithTheSdkRetries() {
		this.proxy.arm("s3:CopyObject", FaultKind.RESET_MID_BODY, 1);
		try (S3Client s3 = client(true)) {
			assertThatExceptionOfType(SdkClientException.class).isThrownBy(() -> call("s3:CopyObject").accept(s3))
				.withMessageContaining("Could not parse XML response");
		}
		assertThat(this.proxy.requests("s3:CopyObject")).isOne();
		assertThat(direct.headObject((head) -> head.bucket(this.bucket).key("copy.bin")).contentLength())
			.isEqualTo(content().length);
	}

	@Test
	void shouldNeverHandOverAShortBodyWhenResetMidBody() {
		this.proxy.arm("s3:GetObject", FaultKind.RESET_MID_BODY, 1);
		try (S3Client s3 = client(true)) {
			// The SDK returns the stream once the head is in; the body is read after the
			// call, where no retry can help.
			assertThatThrownBy(() -> {
				try (ResponseInputStream<GetObjectResponse> stream = s3
					.getObject((get) -> get.bucket(this.bucket).key("object.bin"))) {
					stream.readAllBytes();
				}
			}).isInstanceOfAny(IOException.class, SdkClientException.class);
		}
		assertThat(this.proxy.injected()).singleElement()
			.satisfies((fault) -> assertThat(fault.kind()).isEqualTo(FaultKind.RESET_MID_BODY));
	}

	@Test
	void shouldHaveLetTheUpstreamDoTheWorkOfAResetRequest() {
		this.proxy.arm("s3:*", FaultKind.RESET_MID_BODY, 3);
		try (S3Client s3 = client(false)) {
			assertThatExceptionOfType(SdkClientException.class)
				.isThrownBy(() -> call("s3:PutObjectTagging").accept(s3));
			assertThatExceptionOfType(SdkClientException.class).isThrownBy(() -> call("s3:CopyObject").accept(s3));
			assertThatExceptionOfType(SdkClientException.class).isThrownBy(() -> call("s3:DeleteObject").accept(s3));
		}

		assertThat(direct.headObject((head) -> head.bucket(this.bucket).key("copy.bin")).contentLength())
			.isEqualTo(content().length);
		assertThat(direct.listObjectVersions((list) -> list.bucket(this.bucket).prefix("object.bin")).versions())
			.singleElement()
			.satisfies((version) -> assertThat(direct
				.getObjectTagging((get) -> get.bucket(this.bucket).key("object.bin").versionId(version.versionId()))
				.tagSet()).extracting(Tag::key).containsExactly("scan-result"));
		assertThatExceptionOfType(NoSuchKeyException.class)
			.isThrownBy(() -> direct.headObject((head) -> head.bucket(this.bucket).key("object.bin")));
	}

	@Test
	void shouldSendTheDelayedResponseToAClientThatWaits() {
		this.proxy.arm("s3:GetObject", FaultKind.DELAY_PAST_TIMEOUT, 1);
		long started = System.nanoTime();
		try (S3Client s3 = ProxiedClients.s3(this.proxy.endpoint(), false, DELAY.multipliedBy(3))) {
			assertThat(s3.getObjectAsBytes((get) -> get.bucket(this.bucket).key("object.bin")).asByteArray())
				.isEqualTo(content());
		}
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(DELAY);
		assertThat(this.proxy.requests("s3:GetObject")).isOne();
	}

	@Test
	void shouldAnswerThrottlingWithoutReadingABodyTheClientHoldsBackForContinue() {
		this.proxy.arm("s3:PutObject", FaultKind.SLOW_DOWN_503, 1);
		try (S3Client s3 = client(false)) {
			assertThatExceptionOfType(S3Exception.class)
				.isThrownBy(() -> s3.putObject((put) -> put.bucket(this.bucket).key("new.bin"),
						RequestBody.fromBytes(Samples.random(1 << 20, 3))))
				.satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("SlowDown"));
			assertThat(this.proxy.requests("s3:PutObject")).isOne();
		}
		assertThatExceptionOfType(NoSuchKeyException.class)
			.isThrownBy(() -> direct.headObject((head) -> head.bucket(this.bucket).key("new.bin")));
	}

	@Test
	void shouldAppendEveryFaultToTheFaultLogWithItsTime(S3MockServer server, @TempDir Path directory)
			throws IOException {
		Path log = directory.resolve("faults.log");
		try (FaultProxy logged = FaultProxy.start("s3-logged", server.endpoint(), DELAY, log);
				S3Client s3 = ProxiedClients.s3(logged.endpoint(), true, ATTEMPT_TIMEOUT)) {
			logged.arm("s3:HeadObject", FaultKind.INTERNAL_ERROR_500, 2);
			s3.headObject((head) -> head.bucket(this.bucket).key("object.bin"));

			assertThat(Files.readAllLines(log)).hasSize(2)
				.containsExactlyElementsOf(logged.injected().stream().map(InjectedFault::logLine).toList())
				.allSatisfy((line) -> assertThat(line).matches("\\d{4}-\\d{2}-\\d{2}T\\S+Z proxy=s3-logged "
						+ "operation=s3:HeadObject fault=INTERNAL_ERROR_500 request=\"HEAD /bucket-\\S+/object.bin HTTP/1.1\""));
		}
	}

	private Consumer<S3Client> call(String operation) {
		return switch (operation) {
			case "s3:GetObject" -> (s3) -> assertThat(
					s3.getObjectAsBytes((get) -> get.bucket(this.bucket).key("object.bin")).asByteArray())
				.isEqualTo(content());
			case "s3:HeadObject" ->
				(s3) -> assertThat(s3.headObject((head) -> head.bucket(this.bucket).key("object.bin")).contentLength())
					.isEqualTo(content().length);
			case "s3:PutObjectTagging" -> (s3) -> s3.putObjectTagging((put) -> put.bucket(this.bucket)
				.key("object.bin")
				.tagging((tagging) -> tagging.tagSet(Tag.builder().key("scan-result").value("Clean").build())));
			case "s3:CopyObject" -> (s3) -> s3.copyObject((copy) -> copy.sourceBucket(this.bucket)
				.sourceKey("object.bin")
				.destinationBucket(this.bucket)
				.destinationKey("copy.bin"));
			case "s3:DeleteObject" -> (s3) -> s3.deleteObject((delete) -> delete.bucket(this.bucket).key("object.bin"));
			default -> throw new IllegalArgumentException(operation);
		};
	}

	private S3Client client(boolean retry) {
		return ProxiedClients.s3(this.proxy.endpoint(), retry, ATTEMPT_TIMEOUT);
	}

	private static byte[] content() {
		return Samples.random(256 << 10, 11);
	}

}
