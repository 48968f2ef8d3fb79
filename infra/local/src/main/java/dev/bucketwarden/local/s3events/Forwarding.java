package dev.bucketwarden.local.s3events;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;

/**
 * How the relay passes a request on to S3Mock and its answer back: headers as sent (but
 * the hop-by-hop ones), bodies streamed both ways with their length, so that large and
 * multipart uploads pass through without being held in memory.
 */
final class Forwarding {

	/** Headers the JDK client sets itself, and hop-by-hop headers. */
	private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
			"transfer-encoding", "keep-alive", "date", "via", "warning", "from", "origin", "referer");

	private Forwarding() {
	}

	static HttpRequest request(HttpExchange exchange, URI target, URI uri, String method) {
		URI forwarded = URI.create(target.toString().replaceAll("/$", "") + uri.getRawPath()
				+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : ""));
		HttpRequest.Builder request = HttpRequest.newBuilder(forwarded).timeout(Duration.ofMinutes(30));
		exchange.getRequestHeaders().forEach((name, values) -> {
			if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
				values.forEach((value) -> request.header(name, value));
			}
		});
		String length = exchange.getRequestHeaders().getFirst("Content-Length");
		HttpRequest.BodyPublisher body;
		if (length != null && Long.parseLong(length) == 0) {
			body = HttpRequest.BodyPublishers.noBody();
		}
		else if (length != null) {
			body = HttpRequest.BodyPublishers.fromPublisher(
					HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody), Long.parseLong(length));
		}
		else if (method.equals("PUT") || method.equals("POST")) {
			body = HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody);
		}
		else {
			body = HttpRequest.BodyPublishers.noBody();
		}
		return request.method(method, body).build();
	}

	/** The same, with a body the relay has read already (a small one). */
	static HttpRequest request(HttpExchange exchange, URI target, URI uri, String method, byte[] read) {
		HttpRequest streamed = request(exchange, target, uri, "GET");
		HttpRequest.Builder request = HttpRequest.newBuilder(streamed, (name, value) -> true);
		return request
			.method(method,
					(read.length == 0) ? HttpRequest.BodyPublishers.noBody()
							: HttpRequest.BodyPublishers.ofByteArray(read))
			.build();
	}

	static void respond(HttpExchange exchange, String method, HttpResponse<InputStream> response) throws IOException {
		response.headers().map().forEach((name, values) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			if (!lower.equals("transfer-encoding") && !lower.equals("connection") && !lower.startsWith(":")
					&& (!lower.equals("content-length") || method.equals("HEAD"))) {
				exchange.getResponseHeaders().put(name, List.copyOf(values));
			}
		});
		int status = response.statusCode();
		try (InputStream body = response.body()) {
			if (method.equals("HEAD") || status == 204 || status == 304) {
				exchange.sendResponseHeaders(status, -1);
				return;
			}
			long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
			if (length == 0) {
				exchange.sendResponseHeaders(status, -1);
				return;
			}
			exchange.sendResponseHeaders(status, (length > 0) ? length : 0);
			try (OutputStream out = exchange.getResponseBody()) {
				body.transferTo(out);
			}
		}
	}

}
