package dev.bucketwarden.engine.premium;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.engine.spi.EngineException;

/**
 * SHA-256 hashes of known-bad content, from a file or an HTTP(S) URL: one hash a line,
 * optionally followed by a name ({@code <sha256> [name]}), {@code #} comments. Checked
 * again for changes at most every {@code refresh} (file: modification time and size; URL:
 * conditional GET with the ETag and Last-Modified of the last answer); a failed reload
 * keeps the last list and is logged. Until a list was loaded once, scans fail (never
 * clean without the check). Thread-safe.
 */
final class Blocklist {

	private static final Logger logger = LoggerFactory.getLogger(Blocklist.class);

	private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

	private final String source;

	private final Duration refresh;

	private final HttpClient http;

	private volatile Snapshot snapshot;

	private volatile long checkedAt;

	Blocklist(String source, Duration refresh) {
		this.source = source;
		this.refresh = refresh;
		this.http = isUrl(source) ? HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build() : null;
	}

	/**
	 * The hash's name on the list (empty string when unnamed), or empty when not on it.
	 */
	Optional<String> lookup(String sha256) {
		return Optional.ofNullable(current().hashes().get(sha256.toLowerCase(Locale.ROOT)));
	}

	/** The list's version: its size and a digest of its content. */
	String version() {
		Snapshot current = this.snapshot;
		return (current != null) ? current.hashes().size() + "-" + current.digest() : "not-loaded";
	}

	/** The current list, reloaded first when it is due and has changed. */
	Snapshot current() {
		Snapshot current = this.snapshot;
		if (current == null || System.nanoTime() - this.checkedAt > this.refresh.toNanos()) {
			current = reload();
		}
		return current;
	}

	private synchronized Snapshot reload() {
		Snapshot current = this.snapshot;
		if (current != null && System.nanoTime() - this.checkedAt <= this.refresh.toNanos()) {
			return current; // another thread just did it
		}
		try {
			Snapshot fresh = isUrl(this.source) ? fromUrl(current) : fromFile(current);
			if (fresh != current) {
				logger.info("Blocklist {} loaded: {} hashes", this.source, fresh.hashes().size());
			}
			this.snapshot = fresh;
			this.checkedAt = System.nanoTime();
			return fresh;
		}
		catch (IOException | RuntimeException ex) {
			if (current == null) {
				throw EngineException.unavailable("Cannot load the blocklist " + this.source + ": " + ex, ex);
			}
			logger.warn("Cannot reload the blocklist {}, keeping the last one: {}", this.source, ex.toString());
			this.checkedAt = System.nanoTime();
			return current;
		}
	}

	private Snapshot fromFile(Snapshot current) throws IOException {
		Path file = Path.of(this.source);
		FileTime modified = Files.getLastModifiedTime(file);
		long size = Files.size(file);
		String stamp = modified.toMillis() + "/" + size;
		if (current != null && stamp.equals(current.stamp())) {
			return current;
		}
		return parse(Files.readString(file, StandardCharsets.UTF_8), stamp, null);
	}

	private Snapshot fromUrl(Snapshot current) throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.source)).timeout(Duration.ofSeconds(30));
		if (current != null && current.etag() != null) {
			request.header("If-None-Match", current.etag());
		}
		if (current != null && current.stamp() != null) {
			request.header("If-Modified-Since", current.stamp());
		}
		HttpResponse<String> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
		if (response.statusCode() == 304 && current != null) {
			return current;
		}
		if (response.statusCode() != 200) {
			throw new IOException("HTTP " + response.statusCode());
		}
		return parse(response.body(), response.headers().firstValue("Last-Modified").orElse(null),
				response.headers().firstValue("ETag").orElse(null));
	}

	static Snapshot parse(String text, String stamp, String etag) {
		Map<String, String> hashes = new HashMap<>();
		int number = 0;
		for (String raw : text.split("\n")) {
			number++;
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String[] parts = line.split("\\s+", 2);
			if (!SHA256.matcher(parts[0]).matches()) {
				throw new IllegalArgumentException("Line " + number + " is not a SHA-256 hash: " + parts[0]);
			}
			String name = (parts.length > 1) ? parts[1].replaceAll("[^A-Za-z0-9._-]", "_") : "";
			hashes.put(parts[0].toLowerCase(Locale.ROOT), name);
		}
		return new Snapshot(Map.copyOf(hashes), digest(text), stamp, etag);
	}

	private static String digest(String text) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static boolean isUrl(String source) {
		String lower = source.toLowerCase(Locale.ROOT);
		return lower.startsWith("http://") || lower.startsWith("https://");
	}

	/**
	 * One loaded list.
	 *
	 * @param hashes names by lower-case hash
	 * @param digest a short digest of the list's text, its version
	 * @param stamp file modification time and size, or the URL's Last-Modified
	 * @param etag the URL's ETag
	 */
	record Snapshot(Map<String, String> hashes, String digest, String stamp, String etag) {
	}

}
