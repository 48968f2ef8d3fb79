package dev.bucketwarden.engine.premium;

import java.io.FilterInputStream;
import java.io.IOException;

import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Meters one archive entry as it expands: past {@link Policy#RATIO_MIN_EXPANDED} bytes,
 * an entry that has expanded more than {@code max-compression-ratio} times the compressed
 * bytes read for it is a zip bomb, and reading stops at once (so a bomb costs about a
 * megabyte of inflating, not gigabytes).
 */
final class ExpansionGuard extends FilterInputStream {

	private final ZipArchiveInputStream archive;

	private final ScanState state;

	private final String where;

	private long expanded;

	ExpansionGuard(ZipArchiveInputStream archive, ScanState state, String where) {
		super(archive);
		this.archive = archive;
		this.state = state;
		this.where = where;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int n = read(one, 0, 1);
		return (n == -1) ? -1 : one[0] & 0xFF;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = this.in.read(buffer, offset, length);
		if (n > 0) {
			this.expanded += n;
			long compressed = Math.max(1, this.archive.getCompressedCount());
			long ratio = this.expanded / compressed;
			if (this.expanded > Policy.RATIO_MIN_EXPANDED && ratio > this.state.policy().maxCompressionRatio()) {
				this.state.findings()
					.hit(Rule.ZIP_BOMB, this.where + ": expands more than " + ratio + " times its compressed size");
				throw new StopInspection();
			}
			if (!this.state.countExpanded(n, this.where)) {
				throw new StopInspection();
			}
		}
		return n;
	}

	@Override
	public void close() {
		// the archive stream is closed by its owner
	}

	/** Ends the inspection of the current archive: a limit decided its verdict. */
	static final class StopInspection extends IOException {

		StopInspection() {
			super("archive inspection stopped by policy");
		}

	}

}
