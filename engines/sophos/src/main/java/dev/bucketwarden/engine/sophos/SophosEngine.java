package dev.bucketwarden.engine.sophos;

import java.io.IOException;
import java.io.InputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.EngineInfo;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.engine.spi.io.CachedEngineInfo;
import dev.bucketwarden.engine.spi.io.Deadlines;
import dev.bucketwarden.engine.spi.io.ScanPermits;

/**
 * Scans content through Sophos Anti-Virus Dynamic Interface (SAVDI) with SSSP: one
 * session per scan (greeting, options, {@code SCANDATA}, {@code BYE}). Concurrency is
 * bounded so that callers wait here (up to their scan timeout) instead of piling up in
 * SAVDI.
 */
public final class SophosEngine implements ScanEngine {

	private static final Logger logger = LoggerFactory.getLogger(SophosEngine.class);

	private final String id;

	private final SophosSettings settings;

	private final ScanData scanData;

	private final ScanPermits permits;

	private final CachedEngineInfo info;

	public SophosEngine(String id, SophosSettings settings) {
		this.id = id;
		this.settings = settings;
		this.scanData = new ScanData(settings);
		this.permits = new ScanPermits(settings.maxConcurrency(), "SAVDI sessions", "a SAVDI session");
		this.info = new CachedEngineInfo(id, settings.versionRefresh());
	}

	@Override
	public String id() {
		return this.id;
	}

	public SophosSettings settings() {
		return this.settings;
	}

	@Override
	public Verdict scan(InputStream content, ScanContext context) {
		long limit = Math.min(this.settings.maxDataSize(), context.limits().maxBytes());
		if (context.sizeKnown() && context.size() > limit) {
			return ScanData.tooLarge(limit);
		}
		long deadline = Deadlines.after(context.limits().timeout());
		if (context.sizeKnown()) {
			return scan(content, context.size(), deadline, context);
		}
		try (Spool spool = Spool.copy(content, limit, this.settings.spoolDirectory(), this.settings.chunkSize())) {
			if (spool == null) {
				return ScanData.tooLarge(limit);
			}
			try (InputStream spooled = spool.open()) {
				return scan(spooled, spool.length(), deadline, context);
			}
			catch (IOException ex) {
				throw EngineException.contentRead("Cannot close the spooled content: " + ex.getMessage(), ex);
			}
		}
	}

	private Verdict scan(InputStream content, long length, long deadline, ScanContext context) {
		this.permits.acquire(deadline, context);
		try (SsspSession session = SsspSession.open(this.settings, deadline)) {
			return this.scanData.send(session, content, length);
		}
		finally {
			this.permits.release();
		}
	}

	@Override
	public EngineInfo info() {
		return this.info.current(this::probe, (ex) -> logger.debug("Cannot refresh the Sophos version from {}: {}",
				this.settings.endpoint(), ex.getMessage()));
	}

	/** Connects, reads the greeting and asks {@code QUERY ENGINE}. */
	@Override
	public EngineInfo probe() {
		long deadline = Deadlines.after(this.settings.readTimeout());
		try (SsspSession session = SsspSession.open(this.settings, deadline)) {
			return this.info.update(query(session));
		}
	}

	private EngineInfo query(SsspSession session) {
		try {
			session.request(EngineQuery.REQUEST);
			Acknowledgement ack = session.acknowledgement(EngineQuery.REQUEST);
			if (!ack.accepted()) {
				throw ack.rejection(EngineQuery.REQUEST, this.settings.endpoint());
			}
			return EngineQuery.parse(this.id, session.replyLines(EngineQuery.REQUEST), this.settings.endpoint());
		}
		catch (IOException ex) {
			throw session.connection().failure("querying", ex);
		}
	}

}
