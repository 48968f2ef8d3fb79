package dev.bucketwarden.engine.spi;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The one family of exceptions for broken scanning infrastructure. Engines throw these;
 * the chain turns them into {@link Verdict.Error}, never into a clean verdict.
 */
public class EngineException extends RuntimeException {

	private final ErrorKind kind;

	public EngineException(ErrorKind kind, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.kind = Objects.requireNonNull(kind, "kind");
	}

	public EngineException(ErrorKind kind, String message) {
		this(kind, message, null);
	}

	public ErrorKind kind() {
		return this.kind;
	}

	/** The engine could not be reached. */
	public static EngineException unavailable(String message, @Nullable Throwable cause) {
		return new EngineException(ErrorKind.UNAVAILABLE, message, cause);
	}

	/** The engine did not answer in time. */
	public static EngineException timeout(String message, @Nullable Throwable cause) {
		return new EngineException(ErrorKind.TIMEOUT, message, cause);
	}

	/** The engine's answer could not be understood. */
	public static EngineException protocol(String message) {
		return new EngineException(ErrorKind.PROTOCOL, message);
	}

	/** The engine reported a failure of its own. */
	public static EngineException engineFailure(String message) {
		return new EngineException(ErrorKind.ENGINE_FAILURE, message);
	}

	/** Reading the content from its source failed. */
	public static EngineException contentRead(String message, Throwable cause) {
		return new EngineException(ErrorKind.CONTENT_READ, message, cause);
	}

}
