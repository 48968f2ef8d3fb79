package dev.bucketwarden.engine.clamav;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.EngineInfo;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.engine.spi.io.CachedEngineInfo;
import dev.bucketwarden.engine.spi.io.Deadlines;
import dev.bucketwarden.engine.spi.io.ScanPermits;

/**
 * Scans content through clamd. Concurrency is bounded by a pool of permits sized to
 * clamd's threads, so that callers wait here (up to their scan timeout) instead of piling
 * up in clamd's queue; one connection serves one scan.
 */
public final class ClamavEngine implements ScanEngine {

	private static final Logger logger = LoggerFactory.getLogger(ClamavEngine.class);

	/** clamd's default MaxThreads, used when STATS cannot be asked. */
	private static final int CLAMD_DEFAULT_THREADS = 10;

	private static final Pattern MAX_THREADS = Pattern.compile("THREADS: .*\\bmax (\\d+)");

	private final String id;

	private final ClamavSettings settings;

	private final Instream instream;

	private volatile ScanPermits permits;

	private final CachedEngineInfo info;

	public ClamavEngine(String id, ClamavSettings settings) {
		this.id = id;
		this.settings = settings;
		this.instream = new Instream(settings);
		this.info = new CachedEngineInfo(id, settings.versionRefresh());
		this.permits = (settings.maxConcurrency() > 0) ? permits(settings.maxConcurrency()) : null;
	}

	@Override
	public String id() {
		return this.id;
	}

	public ClamavSettings settings() {
		return this.settings;
	}

	@Override
	public Verdict scan(InputStream content, ScanContext context) {
		long limit = Math.min(this.settings.streamMaxLength(), context.limits().maxBytes());
		if (context.sizeKnown() && context.size() > limit) {
			return Instream.tooLarge(limit);
		}
		long deadline = Deadlines.after(context.limits().timeout());
		ScanPermits pool = permits();
		pool.acquire(deadline, context);
		try (ClamdConnection connection = ClamdConnection.open(this.settings, deadline)) {
			return this.instream.send(connection, content, limit);
		}
		finally {
			pool.release();
		}
	}

	/**
	 * The scan's deadline bounds waiting for a clamd thread and every read and write on
	 * the connection (IoWatchdog), so the chain need not watch it from another thread.
	 */
	@Override
	public boolean enforcesTimeout() {
		return true;
	}

	@Override
	public long maxContentBytes() {
		return this.settings.streamMaxLength();
	}

	@Override
	public EngineInfo info() {
		return this.info.current(this::probe, (ex) -> logger.debug("Cannot refresh the ClamAV version from {}: {}",
				this.settings.endpoint(), ex.getMessage()));
	}

	@Override
	public EngineInfo probe() {
		String pong = command("PING");
		if (!pong.equals("PONG")) {
			throw EngineException.protocol("clamd answered PING with '" + pong + "'");
		}
		return this.info.update(ClamdVersion.parse(this.id, command("VERSION")));
	}

	/** How many scans clamd runs at once, from STATS. */
	int askMaxThreads() {
		Matcher matcher = MAX_THREADS.matcher(command("STATS"));
		if (!matcher.find()) {
			throw EngineException.protocol("clamd's STATS reply names no thread maximum");
		}
		return Integer.parseInt(matcher.group(1));
	}

	/** How many scans may be in flight at once: configured, or clamd's thread count. */
	int concurrency() {
		return permits().capacity();
	}

	private String command(String command) {
		long deadline = Deadlines.after(this.settings.readTimeout());
		try (ClamdConnection connection = ClamdConnection.open(this.settings, deadline)) {
			connection.writeCommand(command, this.settings.readTimeout());
			return connection.readReply(this.settings.readTimeout()).strip();
		}
		catch (IOException ex) {
			throw EngineException
				.unavailable("clamd at " + this.settings.endpoint() + " failed on " + command + ": " + ex, ex);
		}
	}

	/**
	 * The permit pool, sized from clamd's STATS on first use when not configured. An
	 * unreachable clamd fails the scan (and is asked again next time); a clamd that does
	 * not say its thread count gets clamd's default.
	 */
	private ScanPermits permits() {
		ScanPermits pool = this.permits;
		if (pool != null) {
			return pool;
		}
		synchronized (this) {
			if (this.permits == null) {
				int threads;
				try {
					threads = askMaxThreads();
				}
				catch (EngineException ex) {
					if (ex.kind() != ErrorKind.PROTOCOL) {
						throw ex;
					}
					logger.warn("clamd at {} did not tell its thread count ({}); assuming {}", this.settings.endpoint(),
							ex.getMessage(), CLAMD_DEFAULT_THREADS);
					threads = CLAMD_DEFAULT_THREADS;
				}
				this.permits = permits(threads);
			}
			return this.permits;
		}
	}

	private static ScanPermits permits(int threads) {
		return new ScanPermits(threads, "clamd threads", "a clamd thread");
	}

}
