package dev.bucketwarden.agent.large;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.engine.chain.EngineResult;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;

/**
 * Adds up the scans of one part (its members, or the windows of a long member): the first
 * verdict that is not Clean decides and reading stops; the part is Clean only when every
 * content of it was scanned and Clean. The engines of the deciding scan (or of the last
 * clean one) are carried over into the part's report.
 */
final class PartTally {

	private final long started = System.nanoTime();

	private long bytes;

	private List<EngineResult> engines = List.of();

	private @Nullable Verdict decided;

	/**
	 * Adds one content's report.
	 * @return whether to go on: false once the part is decided
	 */
	boolean add(ScanReport report) {
		this.bytes += report.bytesScanned();
		this.engines = report.engines();
		if (!(report.verdict() instanceof Verdict.Clean)) {
			this.decided = report.verdict();
		}
		return this.decided == null;
	}

	/** Decides the part without an engine: what the archive itself says. */
	boolean unscannable(UnscannableReason reason, String detail) {
		return decide(new Verdict.Unscannable(reason, detail));
	}

	/** Decides the part as an Error: the content could not be read. */
	boolean unreadable(String message, Throwable cause) {
		return decide(new Verdict.Error(ErrorKind.CONTENT_READ, message, cause));
	}

	/**
	 * A member that is not what the archive declares (longer, shorter, corrupt): the part
	 * is Unscannable even if the engines' read of it failed or was Clean, unless
	 * something was found in what they did read.
	 */
	boolean disagree(Verdict.Unscannable verdict) {
		if (!(this.decided instanceof Verdict.Infected)) {
			this.decided = verdict;
			this.engines = List.of();
		}
		return false;
	}

	/** Decides the part, unless it is decided already. */
	boolean decide(Verdict verdict) {
		if (this.decided == null) {
			this.decided = verdict;
			if (!(verdict instanceof Verdict.Clean)) {
				this.engines = List.of();
			}
		}
		return false;
	}

	boolean decided() {
		return this.decided != null;
	}

	ScanReport report() {
		Verdict verdict = (this.decided != null) ? this.decided : new Verdict.Clean();
		return new ScanReport(verdict, this.engines, this.bytes, Duration.ofNanos(System.nanoTime() - this.started));
	}

}
