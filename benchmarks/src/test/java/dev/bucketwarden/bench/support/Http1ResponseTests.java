package dev.bucketwarden.bench.support;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class Http1ResponseTests {

	@Test
	void shouldReadABodyByItsLengthAndLeaveTheNextResponseOnTheStream() throws IOException {
		InputStream in = stream("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Thing: a\r\n\r\nhelloHTTP/1.1 204 \r\n"
				+ "Content-Length: 0\r\n\r\n");

		Http1Response first = Http1Response.read(in, new byte[2]);
		Http1Response second = Http1Response.read(in, new byte[2]);

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.body()).isEqualTo("hello");
		assertThat(first.header("X-THING")).isEqualTo("a");
		assertThat(first.closes()).isFalse();
		assertThat(second.status()).isEqualTo(204);
	}

	@Test
	void shouldReadAChunkedBodyAndItsTrailers() throws IOException {
		InputStream in = stream("HTTP/1.1 201 \r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n"
				+ "2\r\nde\r\n0\r\nX-Trailer: t\r\n\r\nnext");

		Http1Response response = Http1Response.read(in, new byte[8]);

		assertThat(response.body()).isEqualTo("abcde");
		assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("next");
	}

	@Test
	void shouldSayTheConnectionClosesWhenTheServerSaysSoOrTheBodyRunsToTheEnd() throws IOException {
		assertThat(Http1Response
			.read(stream("HTTP/1.1 200 \r\nConnection: close\r\nContent-Length: 0\r\n\r\n"), new byte[8])
			.closes()).isTrue();
		assertThat(Http1Response.read(stream("HTTP/1.0 200 \r\nContent-Length: 0\r\n\r\n"), new byte[8]).closes())
			.isTrue();
		Http1Response unframed = Http1Response.read(stream("HTTP/1.1 200 \r\n\r\nto the end"), new byte[8]);
		assertThat(unframed.closes()).isTrue();
		assertThat(unframed.body()).isEqualTo("to the end");
	}

	@Test
	void shouldFailWhenTheConnectionEndsBeforeTheBodyOrOnSomethingElse() {
		assertThatExceptionOfType(EOFException.class).isThrownBy(
				() -> Http1Response.read(stream("HTTP/1.1 200 \r\nContent-Length: 9\r\n\r\nshort"), new byte[8]));
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> Http1Response.read(stream("SSH-2.0-OpenSSH\r\n"), new byte[8]))
			.withMessageContaining("Not an HTTP status line");
	}

	private static InputStream stream(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
	}

}
