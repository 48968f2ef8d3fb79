package dev.bucketwarden.agent.large;

import java.io.IOException;
import java.io.InputStream;

import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanLimits;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;

/**
 * Scans one archive member's decompressed bytes through the chain as one content (its
 * context size is the member's length), or in sequential overlapping windows when it is
 * longer than a window. A member whose declared or actual length is over the bucket's max
 * size, or whose actual length is not the declared one, makes the part Unscannable
 * (limits exceeded): the bytes the engines saw are not what the archive says it holds.
 */
final class MemberScanner {

	private final ObjectInfo pinned;

	private final EngineChain chain;

	private final ScanLimits limits;

	private final long window;

	private final long overlap;

	MemberScanner(ObjectInfo pinned, EngineChain chain, ScanLimits limits, long window, long overlap) {
		this.pinned = pinned;
		this.chain = chain;
		this.limits = limits;
		this.window = window;
		this.overlap = overlap;
	}

	/**
	 * Scans the member; the caller closes {@code content}.
	 * @param size the declared length, or -1 when the archive does not say (a gzip)
	 * @param name the member's name or place, for the verdict's detail
	 * @return whether to go on with the next member: false once the part is decided
	 */
	boolean scan(InputStream content, long size, String name, PartTally tally) throws IOException {
		if (size > this.limits.maxBytes()) {
			return tally.unscannable(UnscannableReason.LIMITS_EXCEEDED, "Member " + name + " declares " + size
					+ " bytes, over the bucket's max size of " + this.limits.maxBytes() + " bytes");
		}
		MemberContent member = new MemberContent(content, size, this.limits.maxBytes());
		boolean goOn;
		if (size == 0) {
			// Nothing to scan; the member must really be empty.
			goOn = true;
		}
		else if (size > 0 && size <= this.window) {
			goOn = tally.add(this.chain.scan(member, context(size)));
		}
		else {
			goOn = new SequentialWindows(this.window, this.overlap).scan(member, size, this.chain, this::context,
					tally);
		}
		long left = goOn ? member.finish() : 0;
		String disagreement = member.disagreement();
		if (!disagreement.isEmpty()) {
			return tally.disagree(new Verdict.Unscannable(UnscannableReason.LIMITS_EXCEEDED,
					"Member " + name + " is not what the archive declares: " + disagreement));
		}
		if (left > 0) {
			return tally.decide(new Verdict.Error(ErrorKind.ENGINE_FAILURE,
					"The engines stopped reading member " + name + " " + left + " bytes before its end", null));
		}
		return goOn;
	}

	private ScanContext context(long length) {
		return new ScanContext(new ObjectRef.S3Object(this.pinned.bucket(), this.pinned.key(), this.pinned.versionId()),
				length, null, this.limits);
	}

}
