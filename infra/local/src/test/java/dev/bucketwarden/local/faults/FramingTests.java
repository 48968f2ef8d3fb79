package dev.bucketwarden.local.faults;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FramingTests {

	@Test
	void shouldCopyAChunkedBodyWithExtensionsAndTrailersByteForByteAndStopAtItsEnd() throws IOException {
		String body = "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32: abc=\r\n\r\n";
		InputStream in = stream(body + "GET /next HTTP/1.1\r\n\r\n");
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		Framing.CHUNKED.copy(HttpHead.of("PUT /b/k HTTP/1.1\r\nTransfer-Encoding: chunked"), in, out);

		assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(body);
		assertThat(HttpHead.read(in).startLine()).isEqualTo("GET /next HTTP/1.1");
	}

	@Test
	void shouldCopyExactlyTheContentLength() throws IOException {
		HttpHead head = HttpHead.of("HTTP/1.1 200 OK\r\nContent-Length: 5");
		InputStream in = stream("helloHTTP/1.1 204 No Content\r\n\r\n");
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		Framing.ofResponse("GET", head).copy(head, in, out);

		assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("hello");
		assertThat(HttpHead.read(in).status()).isEqualTo(204);
	}

	@Test
	void shouldFailWhenTheBodyEndsBeforeItsLength() {
		HttpHead head = HttpHead.of("HTTP/1.1 200 OK\r\nContent-Length: 10");

		assertThatExceptionOfType(EOFException.class)
			.isThrownBy(() -> Framing.LENGTH.copy(head, stream("short"), new ByteArrayOutputStream()));
	}

	@Test
	void shouldKnowWhichResponsesHaveNoBody() {
		HttpHead ok = HttpHead.of("HTTP/1.1 200 OK\r\nContent-Length: 7");

		assertThat(Framing.ofResponse("HEAD", ok)).isEqualTo(Framing.NONE);
		assertThat(Framing.ofResponse("GET", ok)).isEqualTo(Framing.LENGTH);
		assertThat(Framing.ofResponse("GET", HttpHead.of("HTTP/1.1 204 No Content"))).isEqualTo(Framing.NONE);
		assertThat(Framing.ofResponse("GET", HttpHead.of("HTTP/1.1 304 Not Modified"))).isEqualTo(Framing.NONE);
		assertThat(Framing.ofResponse("GET", HttpHead.of("HTTP/1.1 100 Continue"))).isEqualTo(Framing.NONE);
		assertThat(Framing.ofResponse("GET", HttpHead.of("HTTP/1.1 200 OK\r\nContent-Length: 0")))
			.isEqualTo(Framing.NONE);
		assertThat(Framing.ofResponse("GET", HttpHead.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked")))
			.isEqualTo(Framing.CHUNKED);
		assertThat(Framing.ofResponse("GET", HttpHead.of("HTTP/1.1 200 OK\r\nConnection: close")))
			.isEqualTo(Framing.UNTIL_CLOSE);
		assertThat(Framing.ofRequest(HttpHead.of("GET /b/k HTTP/1.1"))).isEqualTo(Framing.NONE);
	}

	@Test
	void shouldReadAHeadAndKeepItsBytesAndDropOneHeaderOnly() throws IOException {
		String raw = "PUT /b/k HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n";
		HttpHead head = HttpHead.read(stream(raw + "abc"));

		assertThat(new String(head.raw(), StandardCharsets.ISO_8859_1)).isEqualTo(raw);
		assertThat(head.hasToken("expect", "100-Continue")).isTrue();
		assertThat(new String(head.without("Expect").raw(), StandardCharsets.ISO_8859_1))
			.isEqualTo("PUT /b/k HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\n");
		assertThat(HttpHead.read(stream(""))).isNull();
		assertThatExceptionOfType(EOFException.class).isThrownBy(() -> HttpHead.read(stream("GET / HTTP/1.1\r\n")));
	}

	private static InputStream stream(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
	}

}
