package dev.bucketwarden.engine.icap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.bucketwarden.engine.icap.TinyIcapServer.Handler;
import dev.bucketwarden.engine.icap.TinyIcapServer.Request;
import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.EngineInfo;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.local.samples.Samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 3507 details and the answers a real server will not give on demand, against
 * {@link TinyIcapServer}.
 */
class IcapProtocolTests {

	private TinyIcapServer server;

	@AfterEach
	void stop() throws IOException {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void shouldSendContentThatFitsThePreviewWithIeof() {
		IcapEngine engine = engine((request) -> TinyIcapServer.noContent());
		byte[] content = Samples.random(100, 1);

		assertThat(scan(engine, content)).isEqualTo(new Verdict.Clean());
		Request request = this.server.requests().getFirst();
		assertThat(request.line()).isEqualTo("RESPMOD icap://127.0.0.1:" + this.server.port() + "/av ICAP/1.0");
		assertThat(request.headers()).containsEntry("preview", "1024")
			.containsEntry("allow", "204")
			.containsEntry("host", "127.0.0.1:" + this.server.port());
		assertThat(request.ieof()).isTrue();
		assertThat(request.body()).isEqualTo(content);
		// The offsets of Encapsulated match the HTTP headers that were sent.
		String httpHeaders = request.httpHeaders();
		int responseStart = httpHeaders.indexOf("HTTP/1.1 200 OK");
		assertThat(request.headers().get("encapsulated"))
			.isEqualTo("req-hdr=0, res-hdr=" + responseStart + ", res-body=" + httpHeaders.length());
		assertThat(httpHeaders).startsWith("GET /sample HTTP/1.1\r\n").contains("Content-Length: 100\r\n");
	}

	@Test
	void shouldSendTheRestAfter100Continue() {
		IcapEngine engine = engine((request) -> request.previewOnly() ? null
				: (request.text().contains("EVIL") ? infected("Evil") : TinyIcapServer.noContent()));
		byte[] content = concat(Samples.random(5000, 2), "EVIL".getBytes(StandardCharsets.US_ASCII));

		assertThat(scan(engine, content)).isEqualTo(Verdict.Infected.of("Evil"));
		Request request = this.server.requests().getFirst();
		assertThat(request.ieof()).isFalse();
		assertThat(request.body()).isEqualTo(content);
	}

	@Test
	void shouldNeverCallA204AfterAPartialPreviewClean() {
		IcapEngine engine = engine((request) -> TinyIcapServer.noContent());

		assertThat(scan(engine, Samples.random(5000, 3))).isInstanceOfSatisfying(Verdict.Unscannable.class,
				(verdict) -> assertThat(verdict.reason()).isEqualTo(UnscannableReason.UNSUPPORTED));
	}

	@Test
	void shouldAcceptOurOwnBytesSentBackUnchangedAsClean() {
		Handler echo = new Handler() {
			@Override
			public String options() {
				// No preview, no 204: the server answers 200 with the message, changed or
				// not.
				return "ICAP/1.0 200 OK\r\nMethods: RESPMOD\r\nISTag: \"tiny-1\"\r\nEncapsulated: null-body=0\r\n\r\n";
			}

			@Override
			public String afterPreview(Request request) {
				return TinyIcapServer.ok200("HTTP/1.1 200 OK", request.body());
			}
		};
		IcapEngine engine = engine(echo);

		assertThat(scan(engine, Samples.random(70_000, 4))).isEqualTo(new Verdict.Clean());
		assertThat(scan(engine, new byte[0])).isEqualTo(new Verdict.Clean());
		assertThat(this.server.requests().getFirst().headers()).doesNotContainKeys("allow", "preview");
	}

	@Test
	void shouldNotExplainAwayAModifiedAnswerWithoutInfectionHeaders() {
		IcapEngine engine = engine((request) -> request.previewOnly() ? null
				: TinyIcapServer.ok200("HTTP/1.1 200 OK", new byte[] { 1, 2, 3 }));

		assertThatThrownBy(() -> scan(engine, Samples.random(5000, 5))).isInstanceOfSatisfying(EngineException.class,
				(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.ENGINE_FAILURE));
		// A copy cut short (c-icap's "partially blocked") is a modified answer too.
		this.server.handler((request) -> request.previewOnly() ? null
				: TinyIcapServer.ok200("HTTP/1.1 200 OK", java.util.Arrays.copyOf(request.body(), 4096)));
		assertThatThrownBy(() -> scan(engine, Samples.random(5000, 5))).isInstanceOf(EngineException.class);
	}

	@Test
	void shouldCallABlockPageWithoutHeadersInfected() {
		IcapEngine engine = engine((request) -> TinyIcapServer.ok200("HTTP/1.1 403 Forbidden",
				"<html>Blocked</html>".getBytes(StandardCharsets.US_ASCII)));

		assertThat(scan(engine, Samples.random(10, 6))).isEqualTo(Verdict.Infected.of("ICAP-Blocked-HTTP-403"));
	}

	@Test
	void shouldReadEveryInfectionHeader() {
		IcapEngine engine = engine((request) -> TinyIcapServer.ok200("HTTP/1.1 403 Forbidden", new byte[0],
				"X-Violations-Found: 2", "\tdocs/a.exe", "\tTroj/Agent-A", "\t1001", "\t2", "\tdocs/b.exe",
				"\tW97M/Macro-B", "\t1002", "\t2"));
		assertThat(scan(engine, Samples.random(10, 7))).isEqualTo(Verdict.Infected.of("Troj/Agent-A", "W97M/Macro-B"));

		this.server.handler((request) -> TinyIcapServer.noContent("X-Virus-ID: Eicar-Test-Signature"));
		assertThat(scan(engine, Samples.random(10, 7))).isEqualTo(Verdict.Infected.of("Eicar-Test-Signature"));

		this.server.handler((request) -> TinyIcapServer
			.noContent("X-Infection-Found: Type=0; Resolution=2; Threat=Heuristics.Encrypted.Zip;"));
		assertThat(scan(engine, Samples.random(10, 7))).isInstanceOfSatisfying(Verdict.Unscannable.class,
				(verdict) -> assertThat(verdict.reason()).isEqualTo(UnscannableReason.ENCRYPTED));

		this.server
			.handler((request) -> "ICAP/1.0 403 Forbidden\r\nISTag: \"tiny-1\"\r\nEncapsulated: null-body=0\r\n\r\n");
		assertThat(scan(engine, Samples.random(10, 7))).isEqualTo(Verdict.Infected.of("ICAP-Forbidden-403"));
	}

	@Test
	void shouldMapServerErrorsToErrorsNeverClean() {
		IcapEngine engine = engine((request) -> "ICAP/1.0 500 Server Error\r\nEncapsulated: null-body=0\r\n\r\n");
		assertThat(kind(engine)).isEqualTo(ErrorKind.ENGINE_FAILURE);

		this.server.handler((request) -> "ICAP/1.0 503 Service Overloaded\r\nEncapsulated: null-body=0\r\n\r\n");
		assertThat(kind(engine)).isEqualTo(ErrorKind.UNAVAILABLE);

		this.server.handler((request) -> "ICAP/1.0 400 Bad Request\r\nEncapsulated: null-body=0\r\n\r\n");
		assertThat(kind(engine)).isEqualTo(ErrorKind.PROTOCOL);

		this.server.handler((request) -> "HTTP/1.1 200 OK\r\n\r\n");
		assertThat(kind(engine)).isEqualTo(ErrorKind.PROTOCOL);

		this.server.handler((request) -> "ICAP/1.0 204 No Content\r\nISTag: \"tiny-1\"");
		assertThat(kind(engine)).isEqualTo(ErrorKind.PROTOCOL);

		this.server.handler((request) -> "");
		assertThat(kind(engine)).isEqualTo(ErrorKind.UNAVAILABLE);

		this.server.handler((request) -> "ICAP/1.0 413 Request Entity Too Large\r\nEncapsulated: null-body=0\r\n\r\n");
		assertThat(scan(engine, Samples.random(10, 8))).isInstanceOfSatisfying(Verdict.Unscannable.class,
				(verdict) -> assertThat(verdict.reason()).isEqualTo(UnscannableReason.TOO_LARGE));
	}

	@Test
	void shouldTimeOutOnAServerThatNeverAnswers() {
		IcapEngine engine = engine((request) -> "SILENT",
				IcapSettings.DEFAULTS.withReadTimeout(Duration.ofMillis(300)));
		long start = System.nanoTime();

		assertThat(kind(engine)).isEqualTo(ErrorKind.TIMEOUT);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void shouldRefuseAServiceWithoutRespmod() {
		IcapEngine engine = engine(new Handler() {
			@Override
			public String options() {
				return "ICAP/1.0 200 OK\r\nMethods: REQMOD\r\nISTag: \"x\"\r\nEncapsulated: null-body=0\r\n\r\n";
			}

			@Override
			public String afterPreview(Request request) {
				return TinyIcapServer.noContent();
			}
		});

		assertThat(kind(engine)).isEqualTo(ErrorKind.ENGINE_FAILURE);
	}

	@Test
	void shouldKeepOptionsForTheirTtlAndAskAgainWhenTheIsTagChanges() {
		AtomicReference<String> istag = new AtomicReference<>("tiny-1");
		IcapEngine engine = engine(new Handler() {
			@Override
			public String options() {
				return "ICAP/1.0 200 OK\r\nMethods: RESPMOD\r\nService: Tiny ICAP 1.0\r\nISTag: \"" + istag.get()
						+ "\"\r\nOptions-TTL: 3600\r\nPreview: 1024\r\nAllow: 204\r\nEncapsulated: null-body=0\r\n\r\n";
			}

			@Override
			public String afterPreview(Request request) {
				return "ICAP/1.0 204 No Content\r\nISTag: \"" + istag.get() + "\"\r\nEncapsulated: null-body=0\r\n\r\n";
			}
		});
		scan(engine, Samples.random(10, 9));
		scan(engine, Samples.random(10, 9));
		assertThat(this.server.requestLines()).filteredOn((line) -> line.startsWith("OPTIONS")).hasSize(1);
		assertThat(engine.info()).isEqualTo(new EngineInfo("icap", "Tiny ICAP 1.0", "tiny-1", null));

		// The service's signatures change: its responses carry the new ISTag.
		istag.set("tiny-2");
		scan(engine, Samples.random(10, 9));
		scan(engine, Samples.random(10, 9));
		assertThat(this.server.requestLines()).filteredOn((line) -> line.startsWith("OPTIONS")).hasSize(2);
		assertThat(engine.info().signatureVersion()).isEqualTo("tiny-2");
	}

	@Test
	void shouldSelfTestWithEicarBeforeScanning() {
		this.server = start((request) -> request.text().contains(TinyIcapServer.EICAR_TAIL) ? infected("EICAR")
				: TinyIcapServer.noContent());
		IcapEngine engine = new IcapEngine("icap",
				IcapSettings.DEFAULTS.withServer("127.0.0.1", this.server.port(), "av"));

		assertThat(scan(engine, Samples.random(10, 10))).isEqualTo(new Verdict.Clean());
		assertThat(this.server.requests()).hasSize(2);
		assertThat(this.server.requests().getFirst().httpHeaders()).contains("GET /bucketwarden-self-test/eicar.com");
		// Health checks probe often: the same service is not tested again within its TTL.
		engine.probe();
		engine.probe();
		assertThat(this.server.requestLines()).filteredOn((line) -> line.startsWith("OPTIONS")).hasSize(3);
		assertThat(this.server.requests()).hasSize(2);
	}

	@Test
	void shouldDeclareUnknownSizesAsChunkedAndStopAtTheLimit() {
		IcapEngine engine = engine((request) -> request.previewOnly() ? null : TinyIcapServer.noContent(),
				IcapSettings.DEFAULTS.withMaxSize(10_000));
		byte[] small = Samples.random(8000, 11);

		assertThat(engine.scan(new ByteArrayInputStream(small),
				ScanContext.of(new ObjectRef.Upload("u"), ScanContext.UNKNOWN_SIZE)))
			.isEqualTo(new Verdict.Clean());
		assertThat(this.server.requests().getFirst().httpHeaders()).contains("Transfer-Encoding: chunked\r\n");
		assertThat(this.server.requests().getFirst().body()).isEqualTo(small);
		assertThat(engine.scan(new ByteArrayInputStream(Samples.random(20_000, 12)),
				ScanContext.of(new ObjectRef.Upload("u"), ScanContext.UNKNOWN_SIZE)))
			.isInstanceOfSatisfying(Verdict.Unscannable.class,
					(verdict) -> assertThat(verdict.reason()).isEqualTo(UnscannableReason.TOO_LARGE));
	}

	@Test
	void shouldEncodeObjectNamesIntoThePath() {
		assertThat(Respmod.path(new ObjectRef.S3Object("bucket", "a b/ä?#%.pdf", null)))
			.isEqualTo("/bucket/a%20b/%C3%A4%3F%23%25.pdf");
		assertThat(Respmod.path(new ObjectRef.LocalFile("/data/x.txt"))).isEqualTo("/data/x.txt");
	}

	private IcapEngine engine(Handler handler) {
		return engine(handler, IcapSettings.DEFAULTS);
	}

	private IcapEngine engine(Handler handler, IcapSettings settings) {
		this.server = start(handler);
		return new IcapEngine("icap", settings.withServer("127.0.0.1", this.server.port(), "av").withSelfTest(false));
	}

	private static TinyIcapServer start(Handler handler) {
		try {
			return new TinyIcapServer(handler);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String infected(String name) {
		return TinyIcapServer.ok200("HTTP/1.1 403 Forbidden", new byte[0],
				"X-Infection-Found: Type=0; Resolution=2; Threat=" + name + ";");
	}

	private static Verdict scan(IcapEngine engine, byte[] content) {
		return engine.scan(new ByteArrayInputStream(content),
				ScanContext.of(new ObjectRef.Upload("sample"), content.length));
	}

	private static ErrorKind kind(IcapEngine engine) {
		try {
			Verdict verdict = scan(engine, Samples.random(10, 13));
			throw new AssertionError("expected an engine exception, got " + verdict);
		}
		catch (EngineException ex) {
			return ex.kind();
		}
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] all = new byte[a.length + b.length];
		System.arraycopy(a, 0, all, 0, a.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}

}
