package dev.bucketwarden.local.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query-protocol request (SNS, as the SDK sends Publish to moto) is named by the
 * {@code Action} of its form body, which reaches the upstream unchanged.
 */
class FaultProxyQueryProtocolTests {

	private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKID/20261206/us-east-1/sns/aws4_request, "
			+ "SignedHeaders=host, Signature=abc";

	private static final String FORM = "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A1%3At"
			+ "&Message=%7B%22verdict%22%3A%22Infected%22%7D";

	private final List<String> received = new CopyOnWriteArrayList<>();

	private HttpServer upstream;

	private FaultProxy proxy;

	private HttpClient client;

	@BeforeEach
	void start() throws IOException {
		this.upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.upstream.createContext("/", (exchange) -> {
			this.received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			byte[] answer = "<PublishResponse/>".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		this.upstream.start();
		this.proxy = FaultProxy.start("sns", URI.create("http://127.0.0.1:" + this.upstream.getAddress().getPort()),
				Duration.ofSeconds(5), null);
		this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.proxy.close();
		this.upstream.stop(0);
	}

	@Test
	void shouldNameAFormRequestByItsActionAndForwardItsBodyUnchanged() throws Exception {
		HttpResponse<String> response = publish();

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("<PublishResponse/>");
		assertThat(this.received).containsExactly(FORM);
		assertThat(this.proxy.requests()).containsOnlyKeys(AwsOperation.valueOf("sns:Publish"));
	}

	@Test
	void shouldAnswerAnArmedActionWithTheQueryProtocolsThrottlingError() throws Exception {
		this.proxy.arm("sns:Publish", FaultKind.SLOW_DOWN_503, 1);

		HttpResponse<String> refused = publish();
		HttpResponse<String> passed = publish();

		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.body()).contains("<Code>Throttling</Code>");
		assertThat(passed.statusCode()).isEqualTo(200);
		assertThat(this.received).containsExactly(FORM);
		assertThat(this.proxy.requests("sns:Publish")).isEqualTo(2);
	}

	private HttpResponse<String> publish() throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(this.proxy.endpoint())
			.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
			.header("Authorization", AUTHORIZATION)
			.POST(HttpRequest.BodyPublishers.ofString(FORM))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
