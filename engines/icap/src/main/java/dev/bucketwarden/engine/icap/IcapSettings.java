package dev.bucketwarden.engine.icap;

import java.time.Duration;
import java.util.Objects;

import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.SettingsValidator;

/**
 * How to reach the ICAP server and its antivirus service.
 *
 * @param host the ICAP server's host
 * @param port its port (1344 is ICAP's registered port)
 * @param service the service's path, as in {@code icap://host:port/<service>}
 * ({@code avscan} for c-icap's virus_scan; each vendor documents its own)
 * @param connectTimeout how long connecting may take
 * @param readTimeout how long one write or read may block (the server scanning the whole
 * body is one read)
 * @param maxSize the largest content sent; keep it at or below what the server scans
 * (larger content is unscannable, too large, without being sent)
 * @param maxConcurrency scans in flight at once; keep it at or below the server's
 * {@code Max-Connections}
 * @param chunkSize bytes per chunk of the body
 * @param preview preview size: -1 uses the server's {@code Preview} from OPTIONS, 0 sends
 * no preview, more caps the server's
 * @param optionsTtl how long OPTIONS answers are kept when the server names no
 * {@code Options-TTL}
 * @param selfTest whether to send the EICAR test file whenever the options are asked (at
 * start, after the TTL, after an ISTag change) and refuse to scan with a service that
 * does not find it: a service that lost its scanner may answer 204 to everything
 * (c-icap's virus_scan does when clamd was down at its start)
 */
public record IcapSettings(String host, int port, String service, Duration connectTimeout, Duration readTimeout,
		long maxSize, int maxConcurrency, int chunkSize, int preview, Duration optionsTtl, boolean selfTest) {

	public static final IcapSettings DEFAULTS = new IcapSettings("127.0.0.1", 1344, "avscan", Duration.ofSeconds(2),
			Duration.ofSeconds(60), 100L << 20, 8, 64 * 1024, -1, Duration.ofMinutes(5), true);

	public IcapSettings {
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(service, "service");
		SettingsValidator.requirePort(port, "ICAP");
		service = service.startsWith("/") ? service.substring(1) : service;
		if (service.isEmpty() || !service.matches("[A-Za-z0-9._~!$&'()*+,;=:@/?%-]+")) {
			throw new IllegalArgumentException(
					"ICAP service must be a URI path (such as avscan), was '" + service + "'");
		}
		SettingsValidator.requirePositive(connectTimeout, "connect-timeout");
		SettingsValidator.requirePositive(readTimeout, "read-timeout");
		SettingsValidator.requirePositive(optionsTtl, "options-ttl");
		SettingsValidator.requirePositive(maxSize, "max-size");
		SettingsValidator.requirePositive(maxConcurrency, "max-concurrency");
		SettingsValidator.requireChunkSize(chunkSize);
		if (preview < -1) {
			throw new IllegalArgumentException("preview must be -1 (the server's), 0 (none) or a size");
		}
	}

	/**
	 * Reads {@code host}, {@code port}, {@code service}, ... (kebab-case) over the
	 * defaults.
	 */
	public static IcapSettings from(EngineSettings settings) {
		IcapSettings d = DEFAULTS;
		return new IcapSettings(settings.string("host", d.host()), settings.integer("port", d.port()),
				settings.string("service", d.service()), settings.duration("connect-timeout", d.connectTimeout()),
				settings.duration("read-timeout", d.readTimeout()), settings.dataSize("max-size", d.maxSize()),
				settings.integer("max-concurrency", d.maxConcurrency()),
				Math.toIntExact(settings.dataSize("chunk-size", d.chunkSize())),
				settings.integer("preview", d.preview()), settings.duration("options-ttl", d.optionsTtl()),
				settings.bool("self-test", d.selfTest()));
	}

	public IcapSettings withServer(String host, int port, String service) {
		return new IcapSettings(host, port, service, this.connectTimeout, this.readTimeout, this.maxSize,
				this.maxConcurrency, this.chunkSize, this.preview, this.optionsTtl, this.selfTest);
	}

	public IcapSettings withReadTimeout(Duration readTimeout) {
		return new IcapSettings(this.host, this.port, this.service, this.connectTimeout, readTimeout, this.maxSize,
				this.maxConcurrency, this.chunkSize, this.preview, this.optionsTtl, this.selfTest);
	}

	public IcapSettings withMaxSize(long maxSize) {
		return new IcapSettings(this.host, this.port, this.service, this.connectTimeout, this.readTimeout, maxSize,
				this.maxConcurrency, this.chunkSize, this.preview, this.optionsTtl, this.selfTest);
	}

	public IcapSettings withPreview(int preview) {
		return new IcapSettings(this.host, this.port, this.service, this.connectTimeout, this.readTimeout, this.maxSize,
				this.maxConcurrency, this.chunkSize, preview, this.optionsTtl, this.selfTest);
	}

	public IcapSettings withMaxConcurrency(int maxConcurrency) {
		return new IcapSettings(this.host, this.port, this.service, this.connectTimeout, this.readTimeout, this.maxSize,
				maxConcurrency, this.chunkSize, this.preview, this.optionsTtl, this.selfTest);
	}

	public IcapSettings withSelfTest(boolean selfTest) {
		return new IcapSettings(this.host, this.port, this.service, this.connectTimeout, this.readTimeout, this.maxSize,
				this.maxConcurrency, this.chunkSize, this.preview, this.optionsTtl, selfTest);
	}

	/** The service's ICAP URI. */
	public String uri() {
		return "icap://" + this.host + ":" + this.port + "/" + this.service;
	}

}
