package dev.bucketwarden.engine.sophos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.SettingsValidator;

/**
 * How to reach SAVDI and what to ask of it.
 *
 * @param host SAVDI's TCP host, used when no socket is set
 * @param port SAVDI's TCP port (SAVDI's sample configuration uses 4010)
 * @param socket SAVDI's unix socket; when set, TCP settings are ignored
 * @param connectTimeout how long connecting may take
 * @param readTimeout how long one write or read may block (SAVDI scanning the data is one
 * read)
 * @param maxDataSize the largest content sent; keep it at or below SAVDI's
 * {@code maxscandata}. Larger content is unscannable (too large) without being sent.
 * @param maxConcurrency scans in flight at once; keep it at or below SAVDI's session
 * threads
 * @param options SSSP options sent before each scan ({@code name:value}); the default
 * makes SAVI look inside archives, without which an infected zip would come back clean
 * @param chunkSize bytes per write while streaming
 * @param versionRefresh how often the engine and signature versions are asked again
 * @param spoolDirectory where content of unknown length waits until its length is known
 * (SCANDATA announces the length first); default: the system temp directory
 */
public record SophosSettings(String host, int port, Path socket, Duration connectTimeout, Duration readTimeout,
		long maxDataSize, int maxConcurrency, List<String> options, int chunkSize, Duration versionRefresh,
		Path spoolDirectory) {

	public static final SophosSettings DEFAULTS = new SophosSettings("127.0.0.1", 4010, null, Duration.ofSeconds(2),
			Duration.ofSeconds(60), 100L << 20, 8, List.of("savigrp:GrpArchiveUnpack 1"), 128 * 1024,
			Duration.ofMinutes(5), null);

	public SophosSettings {
		Objects.requireNonNull(host, "host");
		if (socket == null) {
			SettingsValidator.requirePort(port, "SAVDI");
		}
		SettingsValidator.requirePositive(connectTimeout, "connect-timeout");
		SettingsValidator.requirePositive(readTimeout, "read-timeout");
		SettingsValidator.requirePositive(versionRefresh, "version-refresh");
		SettingsValidator.requirePositive(maxDataSize, "max-data-size");
		SettingsValidator.requirePositive(maxConcurrency, "max-concurrency");
		SettingsValidator.requireChunkSize(chunkSize);
		options = List.copyOf(options);
		for (String option : options) {
			// An option is one line of the OPTIONS request: a line break would inject a
			// request.
			if (option.indexOf(':') < 1 || option.contains("\n") || option.contains("\r")) {
				throw new IllegalArgumentException("SSSP options are 'name:value' on one line, was '" + option + "'");
			}
		}
	}

	/**
	 * Reads {@code host}, {@code port}, {@code socket}, ... (kebab-case) over the
	 * defaults; {@code options} is a list separated by {@code ;}, or {@code none}.
	 */
	public static SophosSettings from(EngineSettings settings) {
		SophosSettings d = DEFAULTS;
		List<String> options = settings.get("options")
			.map((value) -> value.equalsIgnoreCase("none") ? List.<String>of()
					: Arrays.stream(value.split(";")).map(String::strip).filter((o) -> !o.isEmpty()).toList())
			.orElse(d.options());
		return new SophosSettings(settings.string("host", d.host()), settings.integer("port", d.port()),
				settings.path("socket").orElse(null), settings.duration("connect-timeout", d.connectTimeout()),
				settings.duration("read-timeout", d.readTimeout()), settings.dataSize("max-data-size", d.maxDataSize()),
				settings.integer("max-concurrency", d.maxConcurrency()), options,
				Math.toIntExact(settings.dataSize("chunk-size", d.chunkSize())),
				settings.duration("version-refresh", d.versionRefresh()),
				settings.path("spool-directory").orElse(null));
	}

	public SophosSettings withTcp(String host, int port) {
		return new SophosSettings(host, port, null, this.connectTimeout, this.readTimeout, this.maxDataSize,
				this.maxConcurrency, this.options, this.chunkSize, this.versionRefresh, this.spoolDirectory);
	}

	public SophosSettings withSocket(Path socket) {
		return new SophosSettings(this.host, this.port, socket, this.connectTimeout, this.readTimeout, this.maxDataSize,
				this.maxConcurrency, this.options, this.chunkSize, this.versionRefresh, this.spoolDirectory);
	}

	public SophosSettings withReadTimeout(Duration readTimeout) {
		return new SophosSettings(this.host, this.port, this.socket, this.connectTimeout, readTimeout, this.maxDataSize,
				this.maxConcurrency, this.options, this.chunkSize, this.versionRefresh, this.spoolDirectory);
	}

	public SophosSettings withMaxDataSize(long maxDataSize) {
		return new SophosSettings(this.host, this.port, this.socket, this.connectTimeout, this.readTimeout, maxDataSize,
				this.maxConcurrency, this.options, this.chunkSize, this.versionRefresh, this.spoolDirectory);
	}

	public SophosSettings withOptions(List<String> options) {
		return new SophosSettings(this.host, this.port, this.socket, this.connectTimeout, this.readTimeout,
				this.maxDataSize, this.maxConcurrency, options, this.chunkSize, this.versionRefresh,
				this.spoolDirectory);
	}

	/** Where SAVDI listens, for logs and messages. */
	public String endpoint() {
		return (this.socket != null) ? "unix:" + this.socket : this.host + ":" + this.port;
	}

}
