package dev.bucketwarden.engine.premium;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.local.samples.Samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The SHA-256 blocklist from a file and from a URL, reloaded when it changes. */
class BlocklistTests {

	private final byte[] bad = Samples.random(10_000, 41);

	private final byte[] worse = Samples.random(20_000, 42);

	@Test
	void shouldReportABlocklistedHashByItsListedName(@TempDir Path dir) throws IOException {
		Path list = dir.resolve("blocklist.txt");
		Files.writeString(list, "# known bad\n" + sha256(this.bad).toUpperCase() + " Invoice.Dropper\n");
		ScanEngine engine = Fixtures.engine(Map.of("blocklist", list.toString()));

		assertThat(Fixtures.scan(engine, "invoice.bin", this.bad))
			.isEqualTo(Verdict.Infected.of("BucketWarden.Policy.Blocklisted.Invoice.Dropper"));
		assertThat(Fixtures.scan(engine, "other.bin", this.worse)).isEqualTo(new Verdict.Clean());
		// Inside a zip it is another hash: the list is about whole objects.
		assertThat(engine.info().signatureVersion()).startsWith("blocklist:1-");
	}

	@Test
	void shouldReloadTheFileWhenItChanges(@TempDir Path dir) throws IOException {
		Path list = dir.resolve("blocklist.txt");
		Files.writeString(list, sha256(this.bad) + "\n");
		ScanEngine engine = Fixtures.engine(Map.of("blocklist", list.toString(), "blocklist-refresh", "1ms"));
		assertThat(Fixtures.scan(engine, "a.bin", this.worse)).isEqualTo(new Verdict.Clean());

		Files.writeString(list, sha256(this.bad) + "\n" + sha256(this.worse) + "\n");
		Files.setLastModifiedTime(list, FileTime.from(Instant.now().plusSeconds(5)));

		assertThat(Fixtures.scan(engine, "a.bin", this.worse))
			.isEqualTo(Verdict.Infected.of("BucketWarden.Policy.Blocklisted"));
		assertThat(engine.info().signatureVersion()).startsWith("blocklist:2-");
	}

	@Test
	void shouldLoadFromAUrlAndKeepTheLastListWhenTheServerFails() throws IOException {
		AtomicReference<String> body = new AtomicReference<>(sha256(this.bad) + " Bad\n");
		AtomicInteger status = new AtomicInteger(200);
		AtomicInteger notModified = new AtomicInteger();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/blocklist.txt", (exchange) -> {
			String etag = "\"" + Integer.toHexString(body.get().hashCode()) + "\"";
			if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
				notModified.incrementAndGet();
				exchange.sendResponseHeaders(304, -1);
			}
			else {
				byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("ETag", etag);
				exchange.sendResponseHeaders(status.get(), bytes.length);
				exchange.getResponseBody().write(bytes);
			}
			exchange.close();
		});
		server.start();
		try {
			String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/blocklist.txt";
			ScanEngine engine = Fixtures.engine(Map.of("blocklist", url, "blocklist-refresh", "1ms"));
			assertThat(Fixtures.scan(engine, "a.bin", this.bad))
				.isEqualTo(Verdict.Infected.of("BucketWarden.Policy.Blocklisted.Bad"));
			assertThat(Fixtures.scan(engine, "a.bin", this.bad)).isInstanceOf(Verdict.Infected.class);
			assertThat(notModified.get()).isPositive();

			body.set(sha256(this.worse) + " Worse\n");
			assertThat(Fixtures.scan(engine, "b.bin", this.worse))
				.isEqualTo(Verdict.Infected.of("BucketWarden.Policy.Blocklisted.Worse"));
			assertThat(Fixtures.scan(engine, "a.bin", this.bad)).isEqualTo(new Verdict.Clean());

			// A failing server: the last list stays in force.
			body.set("changed\n");
			status.set(500);
			assertThat(Fixtures.scan(engine, "b.bin", this.worse)).isInstanceOf(Verdict.Infected.class);
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void shouldFailScansWhileNoListCouldBeLoaded(@TempDir Path dir) {
		ScanEngine engine = Fixtures.engine(Map.of("blocklist", dir.resolve("missing.txt").toString()));
		assertThatExceptionOfType(EngineException.class).isThrownBy(() -> Fixtures.scan(engine, "a.bin", this.bad))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
		assertThatExceptionOfType(EngineException.class).isThrownBy(engine::probe);
	}

	static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
