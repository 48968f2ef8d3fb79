package dev.bucketwarden.agent.large;

/**
 * The whole object read once from start to end, member by member: a tar, or a gzip (whose
 * stream cannot be entered in the middle; a tar inside is found when the first bytes are
 * decompressed).
 */
public record Sequential(int index, long end, Format format) implements Part {

	public Sequential {
		if (index < 0 || end <= 0 || format == null) {
			throw new IllegalArgumentException("A sequential part needs an index, a length and a format");
		}
	}

	@Override
	public long start() {
		return 0;
	}

	/** How the bytes are read. */
	public enum Format {

		/** A tar: 512-byte headers, each member's data after its header. */
		TAR,

		/** A gzip (one or more members): decompressed, then a tar or one content. */
		GZIP

	}

}
