package dev.bucketwarden.engine.icap;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.bucketwarden.engine.spi.EngineException;

/**
 * What the service said in answer to OPTIONS (RFC 3507 section 4.10): the methods it
 * offers (RESPMOD must be one), its preview size, whether it may answer 204 outside a
 * preview, its ISTag (which changes whenever the service's behaviour, such as its
 * signatures, changes: section 4.7) and how long the answer stays valid
 * ({@code Options-TTL}).
 *
 * @param methods the methods, upper case
 * @param preview the preview size, or -1 when the server gave none
 * @param allow204 whether {@code Allow: 204} was advertised
 * @param istag the ISTag without quotes, or {@code null}
 * @param service the {@code Service} header (product and version), or {@code null}
 * @param ttl how long to keep this answer
 * @param expiresAt {@link System#nanoTime()} after which to ask again
 */
record ServiceOptions(Set<String> methods, int preview, boolean allow204, String istag, String service, Duration ttl,
		long expiresAt) {

	/** Asks the service for its options over a connection of its own. */
	static ServiceOptions fetch(IcapSettings settings, long deadline) {
		try (IcapConnection connection = IcapConnection.open(settings, deadline)) {
			try {
				connection.write("OPTIONS " + settings.uri() + " ICAP/1.0\r\nHost: " + settings.host() + ":"
						+ settings.port() + "\r\nEncapsulated: null-body=0\r\n\r\n", settings.readTimeout());
				IcapResponse response = IcapResponse.read(connection, settings.readTimeout());
				return from(response, settings, connection.endpoint());
			}
			catch (IOException ex) {
				throw connection.failure("asking OPTIONS of", ex);
			}
		}
	}

	static ServiceOptions from(IcapResponse response, IcapSettings settings, String endpoint) {
		if (response.status() != 200) {
			String message = "The ICAP server at " + endpoint + " answered OPTIONS for " + settings.uri() + " with "
					+ response.status() + " " + response.reason();
			throw (response.status() == 503) ? EngineException.unavailable(message, null)
					: EngineException.engineFailure(message);
		}
		Set<String> methods = response.header("Methods")
			.map((value) -> Arrays.stream(value.split(","))
				.map((method) -> method.strip().toUpperCase(Locale.ROOT))
				.collect(Collectors.toUnmodifiableSet()))
			.orElse(Set.of());
		if (!methods.contains("RESPMOD")) {
			throw EngineException.engineFailure("The ICAP service " + settings.uri()
					+ " does not offer RESPMOD (Methods: " + response.header("Methods").orElse("none") + ")");
		}
		int preview = response.header("Preview").map((value) -> parsePreview(value, endpoint)).orElse(-1);
		boolean allow204 = response.headerLines("Allow")
			.stream()
			.flatMap((value) -> Arrays.stream(value.split(",")))
			.anyMatch((value) -> value.strip().equals("204"));
		String istag = response.header("ISTag").map(ServiceOptions::unquote).orElse(null);
		Duration ttl = response.header("Options-TTL")
			.filter((value) -> value.matches("\\d{1,9}"))
			.map((value) -> Duration.ofSeconds(Long.parseLong(value)))
			.orElse(settings.optionsTtl());
		return new ServiceOptions(methods, preview, allow204, istag, response.header("Service").orElse(null), ttl,
				System.nanoTime() + ttl.toNanos());
	}

	boolean expired() {
		return System.nanoTime() - this.expiresAt > 0;
	}

	/** The preview to send: the server's, capped or turned off by our setting. */
	int previewFor(IcapSettings settings) {
		if (this.preview < 0 || settings.preview() == 0) {
			return -1;
		}
		return (settings.preview() > 0) ? Math.min(settings.preview(), this.preview) : this.preview;
	}

	private static int parsePreview(String value, String endpoint) {
		if (!value.matches("\\d{1,9}")) {
			throw EngineException
				.protocol("The ICAP server at " + endpoint + " sent 'Preview: " + IcapText.abbreviate(value) + "'");
		}
		return Integer.parseInt(value);
	}

	static String unquote(String value) {
		String text = value.strip();
		return (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\""))
				? text.substring(1, text.length() - 1) : text;
	}

}
