package dev.bucketwarden.local.moto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

/**
 * Lets an AWS SDK client that speaks Smithy RPC v2 CBOR (the SDK's CloudWatch client
 * since CloudWatch took that protocol) reach moto, whose CloudWatch answers the same
 * operations in AWS JSON 1.0: each {@code POST /service/<service>/operation/<operation>}
 * is sent on to moto as {@code X-Amz-Target: <service>.<operation>} with its CBOR body
 * (gzip-compressed or not) rewritten as JSON, and moto's JSON answer goes back as CBOR.
 * Only the encoding changes: the operations, their validation and their answers are
 * moto's. On 127.0.0.1 at a free port; {@link #close()} stops it.
 */
public final class RpcV2CborRelay implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RpcV2CborRelay.class);

	private static final String PREFIX = "/service/";

	private static final JsonFactory JSON = new JsonFactory();

	private static final CBORFactory CBOR = new CBORFactory();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI target;

	private RpcV2CborRelay(URI target) throws IOException {
		this.target = target;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext(PREFIX, this::relay);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/** Starts a relay in front of moto. */
	public static RpcV2CborRelay start(MotoServer moto) {
		try {
			return new RpcV2CborRelay(moto.endpoint());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the CBOR relay", ex);
		}
	}

	/** Where clients send their requests (their endpoint override). */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	private void relay(HttpExchange exchange) throws IOException {
		try (exchange) {
			// /service/GraniteServiceVersion20100801/operation/PutMetricData
			String[] path = exchange.getRequestURI().getPath().substring(PREFIX.length()).split("/");
			if (path.length != 3 || !"operation".equals(path[1])) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			byte[] cbor = body(exchange);
			HttpRequest.Builder request = HttpRequest.newBuilder(this.target.resolve("/"))
				.timeout(Duration.ofSeconds(30))
				.header("X-Amz-Target", path[0] + "." + path[2])
				.header("Content-Type", "application/x-amz-json-1.0")
				.POST(HttpRequest.BodyPublishers.ofByteArray(convert(cbor, CBOR, JSON)));
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			if (authorization != null) {
				// moto reads the region from the credential scope.
				request.header("Authorization", authorization);
			}
			HttpResponse<byte[]> answer = this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			byte[] reply = (answer.body().length > 0) ? convert(answer.body(), JSON, CBOR) : new byte[0];
			exchange.getResponseHeaders().set("Content-Type", "application/cbor");
			exchange.getResponseHeaders().set("smithy-protocol", "rpc-v2-cbor");
			exchange.sendResponseHeaders(answer.statusCode(), (reply.length > 0) ? reply.length : -1);
			if (reply.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(reply);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("CBOR relay failed on {}: {}", exchange.getRequestURI(), ex.toString());
			throw ex;
		}
	}

	private static byte[] body(HttpExchange exchange) throws IOException {
		InputStream in = exchange.getRequestBody();
		if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
			// The SDK compresses PutMetricData from 10 KB on.
			in = new GZIPInputStream(in);
		}
		return in.readAllBytes();
	}

	/** Copies one document from one encoding to the other, token by token. */
	private static byte[] convert(byte[] body, JsonFactory from, JsonFactory to) throws IOException {
		if (body.length == 0) {
			// An operation without input sends no body; JSON wants an empty object.
			return convert("{}".getBytes(StandardCharsets.UTF_8), JSON, to);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (JsonParser parser = from.createParser(body); JsonGenerator generator = to.createGenerator(out)) {
			if (parser.nextToken() != null) {
				generator.copyCurrentStructure(parser);
			}
		}
		return out.toByteArray();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.close();
	}

}
