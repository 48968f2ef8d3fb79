package dev.bucketwarden.store.results;

import java.util.List;
import java.util.Objects;

/**
 * How a verdict's bytes were scanned (docs/large-objects.md): the object whole, archive
 * members one by one, or overlapping windows. A Clean record says every byte was scanned
 * this way; what the way cannot see is named by {@link #blindSpots()}.
 *
 * @param kind how the object was cut
 * @param window the part size in bytes (0 for {@link Kind#WHOLE})
 * @param overlap the bytes neighbouring windows share (0 unless {@link Kind#WINDOWS})
 * @param parts how many parts the object was cut into (1 for {@link Kind#WHOLE})
 */
public record Coverage(Kind kind, long window, long overlap, int parts) {

	/** Every scan of an object no larger than the engines' limit. */
	public static final Coverage WHOLE = new Coverage(Kind.WHOLE, 0, 0, 1);

	public Coverage {
		Objects.requireNonNull(kind, "kind");
		if (window < 0 || overlap < 0 || parts < 1) {
			throw new IllegalArgumentException("window and overlap must not be negative, parts at least 1");
		}
		if (kind == Kind.WINDOWS && (window <= 0 || overlap * 2 >= window)) {
			throw new IllegalArgumentException("windows need a size and an overlap under half of it");
		}
	}

	public static Coverage windows(long window, long overlap, int parts) {
		return new Coverage(Kind.WINDOWS, window, overlap, parts);
	}

	public static Coverage members(long window, int parts) {
		return new Coverage(Kind.MEMBERS, window, 0, parts);
	}

	/** What this way of scanning cannot see; nothing for a whole scan. */
	public List<String> blindSpots() {
		return switch (this.kind) {
			case WHOLE -> List.of();
			case MEMBERS ->
				List.of("whole-file hash signatures of the archive itself", "signatures that span two members");
			case WINDOWS ->
				List.of("whole-file hash signatures", "signatures anchored to the file's end or entry point",
						"patterns longer than the overlap or with unbounded gaps",
						"formats parsed whole that start inside the object and are longer than a window");
		};
	}

	/** How an object was cut. */
	public enum Kind {

		/** One piece: the object no larger than the engines' limit. */
		WHOLE,

		/** Archive members one by one (zip, tar, gzip). */
		MEMBERS,

		/** Overlapping byte ranges. */
		WINDOWS

	}

}
