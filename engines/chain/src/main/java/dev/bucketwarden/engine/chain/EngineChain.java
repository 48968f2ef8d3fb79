package dev.bucketwarden.engine.chain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.ScanLimits;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;

/**
 * Runs the configured engines one after the other over the same content and aggregates
 * one verdict. The content is read from its source once: with a single engine it streams
 * straight through; with several, the first engine's read is copied to a bounded spool
 * (memory up to 1 MiB, a private temp file beyond) that the others read. Thread-safe: one
 * chain serves all concurrent scans.
 */
public final class EngineChain {

	private static final Logger logger = LoggerFactory.getLogger(EngineChain.class);

	/** Content up to this size is spooled in memory for the other engines. */
	public static final int DEFAULT_MEMORY_SPOOL_LIMIT = 1 << 20;

	private final List<ChainMember> members;

	private final ChainPolicy policy;

	private final Path spoolDirectory;

	private final int memorySpoolLimit;

	private EngineChain(List<ChainMember> members, ChainPolicy policy, Path spoolDirectory, int memorySpoolLimit) {
		if (members.isEmpty()) {
			throw new IllegalArgumentException("An engine chain needs at least one engine");
		}
		if (members.stream().noneMatch(ChainMember::required)) {
			throw new IllegalArgumentException("An engine chain needs at least one required engine");
		}
		this.members = List.copyOf(members);
		this.policy = Objects.requireNonNull(policy, "policy");
		this.spoolDirectory = Objects.requireNonNull(spoolDirectory, "spoolDirectory");
		if (memorySpoolLimit < 0) {
			throw new IllegalArgumentException("memorySpoolLimit must not be negative");
		}
		this.memorySpoolLimit = memorySpoolLimit;
	}

	public static Builder builder() {
		return new Builder();
	}

	public List<ChainMember> members() {
		return this.members;
	}

	public ChainPolicy policy() {
		return this.policy;
	}

	/**
	 * A chain of other members (typically a selection of this chain's) with this chain's
	 * policy and spooling. Engines are shared, not copied: building it opens nothing.
	 */
	public EngineChain withMembers(List<ChainMember> members) {
		return new EngineChain(members, this.policy, this.spoolDirectory, this.memorySpoolLimit);
	}

	/**
	 * Scans the content with every engine of the chain. Never throws for engine or source
	 * failures: those become an error verdict. The caller owns and closes
	 * {@code content}.
	 */
	public ScanReport scan(InputStream content, ScanContext context) {
		long start = System.nanoTime();
		long maxBytes = context.limits().maxBytes();
		if (context.sizeKnown() && context.size() > maxBytes) {
			Verdict tooLarge = new Verdict.Unscannable(UnscannableReason.TOO_LARGE,
					"Content of " + context.size() + " bytes is over the limit of " + maxBytes + " bytes");
			return new ScanReport(tooLarge, List.of(), 0, Duration.ofNanos(System.nanoTime() - start));
		}
		List<EngineResult> results = new ArrayList<>(this.members.size());
		long bytes;
		if (this.members.size() == 1) {
			MeteredInputStream metered = new MeteredInputStream(content, maxBytes, null);
			results.add(runEngine(this.members.getFirst(), metered, context));
			bytes = metered.count();
		}
		else {
			bytes = scanSpooled(content, context, results);
		}
		Verdict verdict = Aggregation.aggregate(this.members, results);
		ScanReport report = new ScanReport(verdict, results, bytes, Duration.ofNanos(System.nanoTime() - start));
		logger.debug("Scanned {}: {} ({} bytes, {} ms)", context.object().describe(), verdict.result().label(), bytes,
				report.duration().toMillis());
		return report;
	}

	private long scanSpooled(InputStream content, ScanContext context, List<EngineResult> results) {
		long maxBytes = context.limits().maxBytes();
		try (ContentSpool spool = ContentSpool.create(this.spoolDirectory, this.memorySpoolLimit)) {
			MeteredInputStream first = new MeteredInputStream(content, maxBytes, spool.output());
			for (int i = 0; i < this.members.size(); i++) {
				ChainMember member = this.members.get(i);
				EngineResult result;
				if (i == 0) {
					result = runEngine(member, first, context);
				}
				else {
					try (InputStream copy = spool.open()) {
						result = runEngine(member, new MeteredInputStream(copy, maxBytes, null), context);
					}
				}
				results.add(result);
				if (this.policy == ChainPolicy.STOP_AT_FIRST_INFECTED && result.verdict() instanceof Verdict.Infected) {
					break;
				}
				if (i == 0 && !completeSpool(first, results)) {
					break;
				}
			}
			return first.count();
		}
		catch (IOException ex) {
			results.add(contentFailure("Cannot read the spooled content: " + ex.getMessage(), ex));
			return 0;
		}
	}

	/**
	 * Reads the rest of the source into the spool. Returns false when the content cannot
	 * be completed (source failure, over the limit) and records why.
	 */
	private boolean completeSpool(MeteredInputStream first, List<EngineResult> results) {
		try {
			first.drain();
			return true;
		}
		catch (MeteredInputStream.ContentTooLargeException ex) {
			results.add(new EngineResult("chain", true,
					new Verdict.Unscannable(UnscannableReason.TOO_LARGE, ex.getMessage()), Duration.ZERO, null));
			return false;
		}
		catch (IOException ex) {
			results.add(contentFailure("Reading the content failed: " + ex.getMessage(), ex));
			return false;
		}
	}

	private static EngineResult contentFailure(String message, Throwable cause) {
		return new EngineResult("chain", true, new Verdict.Error(ErrorKind.CONTENT_READ, message, cause), Duration.ZERO,
				null);
	}

	/**
	 * Runs one engine on a thread of its own, so that its time limit holds even when it
	 * hangs: at the limit the engine's content is cut off, its thread interrupted, and
	 * its verdict is a timeout error.
	 */
	private EngineResult runEngine(ChainMember member, MeteredInputStream content, ScanContext context) {
		ScanEngine engine = member.engine();
		Duration timeout = (member.timeout() != null) ? member.timeout() : context.limits().timeout();
		ScanContext engineContext = context.withLimits(new ScanLimits(context.limits().maxBytes(), timeout));
		long start = System.nanoTime();
		if (engine.enforcesTimeout()) {
			Verdict verdict;
			try {
				verdict = check(engine.scan(content, engineContext), content, context, engine.id());
			}
			catch (RuntimeException | StackOverflowError ex) {
				verdict = fromThrown(ex, content, engine.id());
			}
			return new EngineResult(engine.id(), member.required(), verdict,
					Duration.ofNanos(System.nanoTime() - start), engine.info());
		}
		FutureTask<Verdict> task = new FutureTask<>(() -> engine.scan(content, engineContext));
		Thread thread = Thread.ofVirtual().name("scan-" + engine.id()).start(task);
		Verdict verdict;
		try {
			verdict = check(task.get(timeout.toNanos(), TimeUnit.NANOSECONDS), content, context, engine.id());
		}
		catch (TimeoutException ex) {
			content.abort();
			thread.interrupt();
			logger.warn("Engine '{}' did not finish {} within {}; going on without it", engine.id(),
					context.object().describe(), timeout);
			verdict = new Verdict.Error(ErrorKind.TIMEOUT,
					"Engine '" + engine.id() + "' did not finish within " + timeout, null);
		}
		catch (InterruptedException ex) {
			content.abort();
			thread.interrupt();
			Thread.currentThread().interrupt();
			verdict = new Verdict.Error(ErrorKind.TIMEOUT, "Interrupted while engine '" + engine.id() + "' scanned",
					ex);
		}
		catch (ExecutionException ex) {
			verdict = fromThrown(ex.getCause(), content, engine.id());
		}
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		return new EngineResult(engine.id(), member.required(), verdict, duration, engine.info());
	}

	private static Verdict fromThrown(Throwable thrown, MeteredInputStream content, String engineId) {
		if (thrown instanceof EngineException ex) {
			return fromFailure(ex, content);
		}
		if (thrown instanceof RuntimeException || thrown instanceof StackOverflowError) {
			// An engine bug must not be able to turn into a verdict other than an error.
			return new Verdict.Error(ErrorKind.ENGINE_FAILURE,
					"Engine '" + engineId + "' failed unexpectedly: " + thrown, thrown);
		}
		if (thrown instanceof Error error) {
			throw error;
		}
		return new Verdict.Error(ErrorKind.ENGINE_FAILURE, "Engine '" + engineId + "' failed: " + thrown, thrown);
	}

	/**
	 * Accepts an engine's verdict only if it is consistent with what the engine really
	 * read.
	 */
	private static Verdict check(Verdict verdict, MeteredInputStream content, ScanContext context, String engineId) {
		if (verdict instanceof Verdict.Infected) {
			return verdict;
		}
		if (content.limitExceeded()) {
			return new Verdict.Unscannable(UnscannableReason.TOO_LARGE,
					"Content is over the limit of " + context.limits().maxBytes() + " bytes");
		}
		if (content.sourceFailure() != null) {
			return new Verdict.Error(ErrorKind.CONTENT_READ, "Reading the content failed: " + content.sourceFailure(),
					content.sourceFailure());
		}
		if (verdict instanceof Verdict.Error) {
			// The SPI says engines throw instead; accept it, it is not clean.
			return verdict;
		}
		if (verdict instanceof Verdict.Clean) {
			return checkFullyScanned(content, context, engineId);
		}
		return verdict;
	}

	private static Verdict checkFullyScanned(MeteredInputStream content, ScanContext context, String engineId) {
		try {
			if (!content.fullyRead()) {
				return new Verdict.Error(ErrorKind.ENGINE_FAILURE,
						"Engine '" + engineId + "' reported clean without reading the whole content", null);
			}
		}
		catch (MeteredInputStream.ContentTooLargeException ex) {
			return new Verdict.Unscannable(UnscannableReason.TOO_LARGE, ex.getMessage());
		}
		catch (IOException ex) {
			return new Verdict.Error(ErrorKind.CONTENT_READ, "Reading the content failed: " + ex, ex);
		}
		if (context.sizeKnown() && content.count() != context.size()) {
			return new Verdict.Error(ErrorKind.CONTENT_READ,
					"Content ended after " + content.count() + " of " + context.size() + " bytes", null);
		}
		return new Verdict.Clean();
	}

	private static Verdict fromFailure(EngineException ex, MeteredInputStream content) {
		if (content.limitExceeded()) {
			return new Verdict.Unscannable(UnscannableReason.TOO_LARGE, "Content is over the size limit");
		}
		if (content.sourceFailure() != null && ex.kind() != ErrorKind.CONTENT_READ) {
			return new Verdict.Error(ErrorKind.CONTENT_READ, "Reading the content failed: " + content.sourceFailure(),
					content.sourceFailure());
		}
		return Verdict.Error.from(ex);
	}

	/** Builds a chain; engines run in the order they are added. */
	public static final class Builder {

		private final List<ChainMember> members = new ArrayList<>();

		private ChainPolicy policy = ChainPolicy.STOP_AT_FIRST_INFECTED;

		private Path spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"));

		private int memorySpoolLimit = DEFAULT_MEMORY_SPOOL_LIMIT;

		private Builder() {
		}

		public Builder engine(ScanEngine engine) {
			this.members.add(new ChainMember(engine, true));
			return this;
		}

		/** Adds an engine with its own time limit. */
		public Builder engine(ScanEngine engine, boolean required, Duration timeout) {
			this.members.add(new ChainMember(engine, required, timeout));
			return this;
		}

		public Builder optionalEngine(ScanEngine engine) {
			this.members.add(new ChainMember(engine, false));
			return this;
		}

		public Builder member(ChainMember member) {
			this.members.add(member);
			return this;
		}

		public Builder policy(ChainPolicy policy) {
			this.policy = policy;
			return this;
		}

		public Builder spoolDirectory(Path spoolDirectory) {
			this.spoolDirectory = spoolDirectory;
			return this;
		}

		/**
		 * Content up to this many bytes is kept in memory for the second and later
		 * engines instead of a spool file (default 1 MiB; 0: always a file). Memory use
		 * is at most this times the scans in flight.
		 */
		public Builder memorySpoolLimit(int memorySpoolLimit) {
			this.memorySpoolLimit = memorySpoolLimit;
			return this;
		}

		public EngineChain build() {
			return new EngineChain(this.members, this.policy, this.spoolDirectory, this.memorySpoolLimit);
		}

	}

}
