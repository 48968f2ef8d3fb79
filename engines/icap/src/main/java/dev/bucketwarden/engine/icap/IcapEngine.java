package dev.bucketwarden.engine.icap;

import java.io.InputStream;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.EngineInfo;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.engine.spi.io.Deadlines;
import dev.bucketwarden.engine.spi.io.ScanPermits;

/**
 * Scans content through an ICAP antivirus service with RESPMOD. The service's OPTIONS
 * (preview size, 204 support, ISTag) are asked once and kept for their
 * {@code Options-TTL}, or until a response carries another ISTag (the service changed,
 * for example its signatures); each time, a {@link SelfTest} proves the service still
 * finds the EICAR test file before content is sent to it. One connection serves one scan;
 * concurrency is bounded so that callers wait here (up to their scan timeout) rather than
 * overrun the server.
 */
public final class IcapEngine implements ScanEngine {

	private static final Logger logger = LoggerFactory.getLogger(IcapEngine.class);

	private final String id;

	private final IcapSettings settings;

	private final Respmod respmod;

	private final ScanPermits permits;

	private volatile ServiceOptions options;

	private volatile EngineInfo info;

	private volatile SelfTested selfTested;

	public IcapEngine(String id, IcapSettings settings) {
		this.id = id;
		this.settings = settings;
		this.respmod = new Respmod(settings);
		this.permits = new ScanPermits(settings.maxConcurrency(), "ICAP connections", "an ICAP connection");
		this.info = EngineInfo.unknown(id);
	}

	@Override
	public String id() {
		return this.id;
	}

	public IcapSettings settings() {
		return this.settings;
	}

	@Override
	public Verdict scan(InputStream content, ScanContext context) {
		long limit = Math.min(this.settings.maxSize(), context.limits().maxBytes());
		if (context.sizeKnown() && context.size() > limit) {
			return Respmod.tooLarge(limit).verdict();
		}
		long deadline = Deadlines.after(context.limits().timeout());
		this.permits.acquire(deadline, context);
		try {
			ServiceOptions current = options(deadline);
			try (IcapConnection connection = IcapConnection.open(this.settings, deadline)) {
				Respmod.Outcome outcome = this.respmod.send(connection, current, content, context, limit);
				if (outcome.istag() != null && !Objects.equals(outcome.istag(), current.istag())) {
					// The service changed (RFC 3507 section 4.7): ask OPTIONS again next
					// time.
					logger.info("ICAP service {} changed its ISTag from {} to {}", this.settings.uri(), current.istag(),
							outcome.istag());
					this.options = null;
					this.info = new EngineInfo(this.id, this.info.product(), outcome.istag(), null);
				}
				return outcome.verdict();
			}
		}
		finally {
			this.permits.release();
		}
	}

	@Override
	public EngineInfo info() {
		ServiceOptions current = this.options;
		if (current == null || current.expired()) {
			try {
				return probe();
			}
			catch (EngineException ex) {
				// Keep the last known version; the scan itself reports the server's
				// failures.
				logger.debug("Cannot refresh the ICAP service's options from {}: {}", this.settings.uri(),
						ex.getMessage());
			}
		}
		return this.info;
	}

	/** Asks OPTIONS again: the product ({@code Service}) and the ISTag. */
	@Override
	public EngineInfo probe() {
		refresh(Deadlines.after(this.settings.readTimeout()));
		return this.info;
	}

	private ServiceOptions options(long deadline) {
		ServiceOptions current = this.options;
		return (current != null && !current.expired()) ? current : refresh(deadline);
	}

	private ServiceOptions refresh(long deadline) {
		ServiceOptions fresh = ServiceOptions.fetch(this.settings, deadline);
		if (this.settings.selfTest() && selfTestDue(fresh)) {
			SelfTest.run(this.settings, fresh, deadline);
			this.selfTested = new SelfTested(fresh.istag(), System.nanoTime());
		}
		this.options = fresh;
		String product = (fresh.service() != null) ? fresh.service() : "ICAP " + this.settings.uri();
		this.info = new EngineInfo(this.id, product, fresh.istag(), null);
		return fresh;
	}

	/**
	 * The self-test runs for a service (ISTag) not yet tested, and again once the
	 * options' TTL has passed; not on every probe, which health checks call often.
	 */
	private boolean selfTestDue(ServiceOptions fresh) {
		SelfTested last = this.selfTested;
		return last == null || fresh.istag() == null || !fresh.istag().equals(last.istag())
				|| System.nanoTime() - last.at() > fresh.ttl().toNanos();
	}

	/** The service that last passed the self-test, and when. */
	private record SelfTested(String istag, long at) {
	}

}
