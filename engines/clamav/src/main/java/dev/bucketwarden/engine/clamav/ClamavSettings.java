package dev.bucketwarden.engine.clamav;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.SettingsValidator;

/**
 * How to reach clamd and how hard to push it.
 *
 * @param host clamd's TCP host, used when no socket is set
 * @param port clamd's TCP port
 * @param socket clamd's unix socket; when set, TCP settings are ignored
 * @param connectTimeout how long connecting may take
 * @param readTimeout how long one write or read may block (clamd scanning a large stream
 * is one read)
 * @param streamMaxLength the longest content sent; keep it equal to clamd's
 * {@code StreamMaxLength}. Longer content is unscannable (too large) without being sent.
 * @param maxConcurrency scans in flight at once; keep it at clamd's {@code MaxThreads}; 0
 * asks clamd (STATS) on first use
 * @param chunkSize bytes per INSTREAM chunk
 * @param versionRefresh how often the engine and signature versions are asked again
 */
public record ClamavSettings(String host, int port, Path socket, Duration connectTimeout, Duration readTimeout,
		long streamMaxLength, int maxConcurrency, int chunkSize, Duration versionRefresh) {

	/** clamd's own defaults: StreamMaxLength 25M, MaxThreads 10. */
	public static final ClamavSettings DEFAULTS = new ClamavSettings("127.0.0.1", 3310, null, Duration.ofSeconds(2),
			Duration.ofSeconds(60), 25L << 20, 0, 128 * 1024, Duration.ofMinutes(5));

	public ClamavSettings {
		Objects.requireNonNull(host, "host");
		if (socket == null) {
			SettingsValidator.requirePort(port, "clamd");
		}
		SettingsValidator.requirePositive(connectTimeout, "connect-timeout");
		SettingsValidator.requirePositive(readTimeout, "read-timeout");
		SettingsValidator.requirePositive(versionRefresh, "version-refresh");
		SettingsValidator.requirePositive(streamMaxLength, "stream-max-length");
		if (maxConcurrency < 0) {
			throw new IllegalArgumentException("max-concurrency must be 0 (ask clamd) or more");
		}
		SettingsValidator.requireChunkSize(chunkSize);
	}

	/**
	 * Reads {@code host}, {@code port}, {@code socket}, ... (kebab-case) over the
	 * defaults.
	 */
	public static ClamavSettings from(EngineSettings settings) {
		ClamavSettings d = DEFAULTS;
		return new ClamavSettings(settings.string("host", d.host()), settings.integer("port", d.port()),
				settings.path("socket").orElse(null), settings.duration("connect-timeout", d.connectTimeout()),
				settings.duration("read-timeout", d.readTimeout()),
				settings.dataSize("stream-max-length", d.streamMaxLength()),
				settings.integer("max-concurrency", d.maxConcurrency()),
				Math.toIntExact(settings.dataSize("chunk-size", d.chunkSize())),
				settings.duration("version-refresh", d.versionRefresh()));
	}

	public ClamavSettings withTcp(String host, int port) {
		return new ClamavSettings(host, port, null, this.connectTimeout, this.readTimeout, this.streamMaxLength,
				this.maxConcurrency, this.chunkSize, this.versionRefresh);
	}

	public ClamavSettings withSocket(Path socket) {
		return new ClamavSettings(this.host, this.port, socket, this.connectTimeout, this.readTimeout,
				this.streamMaxLength, this.maxConcurrency, this.chunkSize, this.versionRefresh);
	}

	public ClamavSettings withStreamMaxLength(long streamMaxLength) {
		return new ClamavSettings(this.host, this.port, this.socket, this.connectTimeout, this.readTimeout,
				streamMaxLength, this.maxConcurrency, this.chunkSize, this.versionRefresh);
	}

	public ClamavSettings withReadTimeout(Duration readTimeout) {
		return new ClamavSettings(this.host, this.port, this.socket, this.connectTimeout, readTimeout,
				this.streamMaxLength, this.maxConcurrency, this.chunkSize, this.versionRefresh);
	}

	public ClamavSettings withMaxConcurrency(int maxConcurrency) {
		return new ClamavSettings(this.host, this.port, this.socket, this.connectTimeout, this.readTimeout,
				this.streamMaxLength, maxConcurrency, this.chunkSize, this.versionRefresh);
	}

	/** Where clamd listens, for logs and messages. */
	public String endpoint() {
		return (this.socket != null) ? "unix:" + this.socket : this.host + ":" + this.port;
	}

}
