package dev.bucketwarden.engine.spi;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An engine's identity and the freshness of its signatures, recorded with every result.
 *
 * @param engineId the engine's id in the chain (for example {@code clamav})
 * @param product product and version as the engine reports it (for example {@code ClamAV
 * 1.4.6})
 * @param signatureVersion the signature database version, or {@code null} when the engine
 * does not report one
 * @param signatureDate when the signatures were published, or {@code null} when unknown
 */
public record EngineInfo(String engineId, String product, @Nullable String signatureVersion,
		@Nullable Instant signatureDate) {

	public EngineInfo {
		Objects.requireNonNull(engineId, "engineId");
		Objects.requireNonNull(product, "product");
	}

	/** What is known before the engine has answered. */
	public static EngineInfo unknown(String engineId) {
		return new EngineInfo(engineId, "unknown", null, null);
	}

	/** A short form for tags and logs, such as {@code ClamAV 1.4.6/27000}. */
	public String describe() {
		return (this.signatureVersion != null) ? this.product + "/" + this.signatureVersion : this.product;
	}

}
