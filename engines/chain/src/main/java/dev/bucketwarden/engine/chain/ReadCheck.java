package dev.bucketwarden.engine.chain;

import java.io.IOException;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;

/**
 * Holds an engine's verdict or failure against what the engine really read: content over
 * the limit is unscannable and a failing source is a content-read error whatever the
 * engine said, and clean counts only for content read to its end and of its declared
 * size. Infected always stands: the bytes read were enough to find it.
 */
final class ReadCheck {

	private ReadCheck() {
	}

	/**
	 * Accepts an engine's verdict only if it is consistent with what the engine really
	 * read.
	 */
	static Verdict check(Verdict verdict, MeteredInputStream content, ScanContext context, String engineId) {
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

	/** The verdict for an engine's failure, unless the content itself was the cause. */
	static Verdict fromFailure(EngineException ex, MeteredInputStream content) {
		if (content.limitExceeded()) {
			return new Verdict.Unscannable(UnscannableReason.TOO_LARGE, "Content is over the size limit");
		}
		if (content.sourceFailure() != null && ex.kind() != ErrorKind.CONTENT_READ) {
			return new Verdict.Error(ErrorKind.CONTENT_READ, "Reading the content failed: " + content.sourceFailure(),
					content.sourceFailure());
		}
		return Verdict.Error.from(ex);
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

}
