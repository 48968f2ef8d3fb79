package dev.bucketwarden.engine.chain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanEngine;
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
	 * The longest content every required engine scans in one piece: a larger object is
	 * scanned in parts no longer than this (docs/large-objects.md). Optional engines do
	 * not count: a part too long for one of them is an optional failure, as for any
	 * content.
	 */
	public long maxContentBytes() {
		return this.members.stream()
			.filter(ChainMember::required)
			.mapToLong((member) -> member.engine().maxContentBytes())
			.min()
			.orElse(Long.MAX_VALUE);
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
			results.add(EngineRunner.run(this.members.getFirst(), metered, context));
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
					result = EngineRunner.run(member, first, context);
				}
				else {
					try (InputStream copy = spool.open()) {
						result = EngineRunner.run(member, new MeteredInputStream(copy, maxBytes, null), context);
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
