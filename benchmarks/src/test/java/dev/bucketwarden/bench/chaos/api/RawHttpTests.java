package dev.bucketwarden.bench.chaos.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading the agent's answers, and what the run takes from them. */
class RawHttpTests {

	@Test
	void shouldReadARetryableProblem() throws IOException {
		Answer answer = read("HTTP/1.1 503 \r\nRetry-After: 5\r\nContent-Type: application/problem+json\r\n"
				+ "Content-Length: 44\r\n\r\n{\"status\":503,\"retryable\":true,\"size\":12345}");

		assertThat(answer.status()).isEqualTo(503);
		assertThat(answer.saysRetryable()).isTrue();
		assertThat(answer.size()).isEqualTo(12345);
	}

	@Test
	void shouldNotTakeAProblemWithoutRetryAfterOrWithRetryableFalseForRetryable() throws IOException {
		assertThat(read("HTTP/1.1 502 \r\nContent-Length: 18\r\n\r\n{\"retryable\":true}").saysRetryable()).isFalse();
		assertThat(read("HTTP/1.1 500 \r\nRetry-After: 5\r\nContent-Length: 19\r\n\r\n{\"retryable\":false}")
			.saysRetryable()).isFalse();
	}

	@Test
	void shouldReadAChunkedVerdict() throws IOException {
		Answer answer = read("HTTP/1.1 201 \r\nTransfer-Encoding: chunked\r\n\r\n8\r\n{\"result\r\n"
				+ "12\r\n\":\"Clean\",\"size\":0\r\n1\r\n}\r\n0\r\n\r\n");

		assertThat(answer.result()).isEqualTo("Clean");
		assertThat(answer.size()).isZero();
	}

	private static Answer read(String response) throws IOException {
		return RawHttp.read(new ByteArrayInputStream(response.getBytes(StandardCharsets.ISO_8859_1)));
	}

}
