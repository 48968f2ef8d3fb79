package dev.bucketwarden.engine.premium;

import java.io.IOException;

import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

import dev.bucketwarden.engine.spi.io.CountingInputStream;

/**
 * Meters one archive entry as it expands: past {@link Policy#RATIO_MIN_EXPANDED} bytes,
 * an entry that has expanded more than {@code max-compression-ratio} times the compressed
 * bytes read for it is a zip bomb, and reading stops at once (so a bomb costs about a
 * megabyte of inflating, not gigabytes).
 */
final class ExpansionGuard extends CountingInputStream {

	private final ZipArchiveInputStream archive;

	private final ScanState state;

	private final String where;

	ExpansionGuard(ZipArchiveInputStream archive, ScanState state, String where) {
		super(archive);
		this.archive = archive;
		this.state = state;
		this.where = where;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		if (n > 0) {
			long expanded = count();
			long compressed = Math.max(1, this.archive.getCompressedCount());
			long ratio = expanded / compressed;
			if (expanded > Policy.RATIO_MIN_EXPANDED && ratio > this.state.policy().maxCompressionRatio()) {
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

	/** Skips in the archive stream, as the filter stream this was did. */
	@Override
	public long skip(long n) throws IOException {
		return source().skip(n);
	}

	@Override
	public int available() throws IOException {
		return source().available();
	}

	/** Ends the inspection of the current archive: a limit decided its verdict. */
	static final class StopInspection extends IOException {

		StopInspection() {
			super("archive inspection stopped by policy");
		}

	}

}
