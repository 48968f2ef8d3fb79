package dev.bucketwarden.agent.large;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanLimits;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;

/**
 * Scans any part a {@link ContentPlanner} makes, by its kind: a window as one content; a
 * zip member run member by member; a tar or gzip streamed once, member by member; a
 * refusal as its Unscannable verdict. Every read is a ranged GET of the pinned version
 * that resumes a bounded number of times where a dropped connection left it; after that
 * the part is an Error, never Clean. Memory is flat: bytes stream from S3 through an
 * inflater to the engines, and only a window's overlap is kept (sequential windows of a
 * long member).
 */
public final class LargePartScanner implements PartScanner {

	private static final Logger logger = LoggerFactory.getLogger(LargePartScanner.class);

	/** How often one part's reads are resumed after a dropped connection, by default. */
	public static final int DEFAULT_REOPENS = 5;

	private final RangeReader reader;

	private final long window;

	private final long overlap;

	private final int reopens;

	/**
	 * @param window the longest content a member's windows have (also capped by the
	 * chain's content limit)
	 * @param overlap the bytes neighbouring windows of a long member share
	 * @param reopens how often a part's read is resumed after a dropped connection
	 */
	public LargePartScanner(RangeReader reader, long window, long overlap, int reopens) {
		if (window <= 0 || overlap < 0 || overlap * 2 >= window || reopens < 0) {
			throw new IllegalArgumentException("A window needs a size and an overlap under half of it");
		}
		this.reader = reader;
		this.window = window;
		this.overlap = overlap;
		this.reopens = reopens;
	}

	/**
	 * {@inheritDoc}
	 * @throws dev.bucketwarden.agent.storage.StorageAccessDeniedException when reading
	 * the version was refused
	 */
	@Override
	public ScanReport scan(ObjectInfo pinned, Part part, EngineChain chain, ScanLimits limits) {
		if (part.end() > pinned.size()) {
			throw new IllegalArgumentException("Part " + part.index() + " ends at " + part.end() + ", past the "
					+ pinned.size() + " bytes of " + pinned.key());
		}
		PartTally tally = new PartTally();
		long memberWindow = Math.min(this.window, chain.maxContentBytes());
		MemberScanner members = new MemberScanner(pinned, chain, limits, memberWindow,
				Math.min(this.overlap, (memberWindow - 1) / 2));
		// Opened at the first read: a refusal reads nothing.
		ResumingRangeStream range = new ResumingRangeStream(this.reader, pinned, part.start(), part.end(),
				this.reopens);
		try (range) {
			switch (part) {
				case Window window -> {
					if (tally.add(chain.scan(range, context(pinned, window.length(), limits)))
							&& range.position() < window.end()) {
						// A Clean answer for a window the engines did not read to its
						// end is no answer.
						tally.decide(new Verdict.Error(ErrorKind.ENGINE_FAILURE,
								"The engines stopped reading window " + window.index() + " at byte " + range.position(),
								null));
					}
				}
				case MemberRun run -> new ZipRunScanner(members).scan(range, run, tally);
				case Sequential sequential -> sequential(range, sequential, members, tally);
				case Refusal refusal -> tally.unscannable(refusal.reason(), refusal.detail());
			}
		}
		catch (ZipException ex) {
			// The archive itself is corrupt (a bad CRC, bytes after the last gzip
			// member):
			// reading again will not help.
			tally.unscannable(UnscannableReason.UNSUPPORTED,
					"Part " + part.index() + " of " + pinned.key() + " is corrupt: " + ex.getMessage());
		}
		catch (IOException ex) {
			tally.unreadable("Reading part " + part.index() + " of " + pinned.key() + " failed: " + ex.getMessage(),
					ex);
		}
		range.rethrowFinal();
		ScanReport report = tally.report();
		logger.debug("Part {} [{}, {}) of s3://{}/{} (version {}): {}", part.index(), part.start(), part.end(),
				pinned.bucket(), pinned.key(), pinned.versionId(), report.verdict().result().label());
		return report;
	}

	private void sequential(InputStream range, Sequential part, MemberScanner members, PartTally tally)
			throws IOException {
		TarScanner tar = new TarScanner(members);
		if (part.format() == Sequential.Format.TAR) {
			tar.scan(new BufferedInputStream(range, 64 << 10), tally);
			return;
		}
		BufferedInputStream content = new BufferedInputStream(new GzipStream(range), 64 << 10);
		content.mark(TarHeader.BLOCK);
		byte[] first = content.readNBytes(TarHeader.BLOCK);
		content.reset();
		if (TarHeader.looksLikeTar(first, first.length)) {
			tar.scan(content, tally);
		}
		else {
			members.scan(content, -1, "the gzip's content", tally);
		}
	}

	private static ScanContext context(ObjectInfo pinned, long length, ScanLimits limits) {
		return new ScanContext(new ObjectRef.S3Object(pinned.bucket(), pinned.key(), pinned.versionId()), length,
				pinned.contentType(), limits);
	}

}
