package dev.bucketwarden.engine.spi;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What an engine (or a chain of engines) concluded about some content. Verdicts are
 * values; only {@link Clean} says the content is safe, and it may only be produced when
 * every byte was scanned.
 */
public sealed interface Verdict permits Verdict.Clean, Verdict.Infected, Verdict.Unscannable, Verdict.Error {

	/** The result category, as tags, records and findings name it. */
	ScanResult result();

	/** Every byte was scanned and nothing was found. */
	record Clean() implements Verdict {

		@Override
		public ScanResult result() {
			return ScanResult.CLEAN;
		}

	}

	/** At least one signature or rule matched; names as the engine reported them. */
	record Infected(List<String> signatures) implements Verdict {

		public Infected {
			signatures = List.copyOf(signatures);
			if (signatures.isEmpty()) {
				throw new IllegalArgumentException("An infected verdict names at least one signature");
			}
		}

		public static Infected of(String... signatures) {
			return new Infected(List.of(signatures));
		}

		@Override
		public ScanResult result() {
			return ScanResult.INFECTED;
		}

	}

	/**
	 * The content could not be fully scanned, for a reason that retrying will not fix.
	 */
	record Unscannable(UnscannableReason reason, String detail) implements Verdict {

		public Unscannable {
			Objects.requireNonNull(reason, "reason");
			Objects.requireNonNull(detail, "detail");
		}

		@Override
		public ScanResult result() {
			return ScanResult.UNSCANNABLE;
		}

	}

	/**
	 * The scan failed: the engine was down, timed out, answered garbage or the content
	 * could not be read. Produced by the chain from an {@link EngineException}; retrying
	 * may help.
	 */
	record Error(ErrorKind kind, String message, @Nullable Throwable cause) implements Verdict {

		public Error {
			Objects.requireNonNull(kind, "kind");
			Objects.requireNonNull(message, "message");
		}

		public static Error from(EngineException ex) {
			return new Error(ex.kind(), ex.getMessage(), ex);
		}

		@Override
		public ScanResult result() {
			return ScanResult.ERROR;
		}

	}

}
