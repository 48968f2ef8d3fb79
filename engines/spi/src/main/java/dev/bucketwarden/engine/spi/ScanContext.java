package dev.bucketwarden.engine.spi;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Everything an engine may know about the content it scans, apart from the bytes.
 *
 * @param object what is scanned
 * @param size the content length in bytes, or {@link #UNKNOWN_SIZE}
 * @param contentType the declared content type, or {@code null}; declared types lie, so
 * engines must not trust it for verdicts
 * @param limits policy limits for this scan
 */
public record ScanContext(ObjectRef object, long size, @Nullable String contentType, ScanLimits limits) {

	public static final long UNKNOWN_SIZE = -1;

	public ScanContext {
		Objects.requireNonNull(object, "object");
		Objects.requireNonNull(limits, "limits");
		if (size < UNKNOWN_SIZE) {
			throw new IllegalArgumentException("size must be a length or UNKNOWN_SIZE");
		}
	}

	public static ScanContext of(ObjectRef object, long size) {
		return new ScanContext(object, size, null, ScanLimits.DEFAULT);
	}

	public boolean sizeKnown() {
		return this.size != UNKNOWN_SIZE;
	}

	public ScanContext withLimits(ScanLimits limits) {
		return new ScanContext(this.object, this.size, this.contentType, limits);
	}

}
