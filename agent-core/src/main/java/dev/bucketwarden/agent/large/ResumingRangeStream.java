package dev.bucketwarden.agent.large;

import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.Abortable;

import dev.bucketwarden.agent.storage.ObjectChangedException;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.storage.StorageAccessDeniedException;
import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.engine.spi.io.BlockInputStream;

/**
 * Bytes {@code [start, end)} of a pinned version that survive a dropped connection: a
 * failed read reopens the range at the byte where it stopped, at most {@code reopens}
 * times for the whole stream. A long sequential read (a gzip of hundreds of GB) must not
 * start over because one connection of many broke, and it must not go on forever either:
 * once the reopens are spent, the read fails and the part is an Error, never Clean.
 * <p>
 * A version that changed (404, 412) is not retried: the failure is an {@link IOException}
 * for whoever reads (an engine turns it into an Error), and {@link #changed()} keeps the
 * cause so that the part scanner can end the job as superseded.
 */
final class ResumingRangeStream extends BlockInputStream {

	private static final Logger logger = LoggerFactory.getLogger(ResumingRangeStream.class);

	private final RangeReader reader;

	private final ObjectInfo object;

	private final long end;

	private long position;

	private int reopensLeft;

	private @Nullable InputStream current;

	private @Nullable ObjectChangedException changed;

	private @Nullable StorageAccessDeniedException denied;

	private boolean closed;

	ResumingRangeStream(RangeReader reader, ObjectInfo object, long start, long end, int reopens) {
		if (start < 0 || end <= start || reopens < 0) {
			throw new IllegalArgumentException("A range [" + start + ", " + end + ") with " + reopens + " reopens");
		}
		this.reader = reader;
		this.object = object;
		this.position = start;
		this.end = end;
		this.reopensLeft = reopens;
	}

	/** The offset in the object of the next byte. */
	long position() {
		return this.position;
	}

	/** Why the version could not be read any more, if it changed since it was pinned. */
	@Nullable ObjectChangedException changed() {
		return this.changed;
	}

	/** Why reading was refused, if it was: final, not retried either. */
	@Nullable StorageAccessDeniedException denied() {
		return this.denied;
	}

	/**
	 * Throws what ended the read for good, as the storage layer would have: the version
	 * changed (the job is superseded) or access was denied.
	 */
	void rethrowFinal() {
		if (this.changed != null) {
			throw this.changed;
		}
		if (this.denied != null) {
			throw this.denied;
		}
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (this.closed) {
			throw new IOException("Stream closed");
		}
		if (length == 0) {
			return 0;
		}
		while (true) {
			if (this.position >= this.end) {
				return -1;
			}
			try {
				InputStream stream = open();
				int read = stream.read(buffer, offset, (int) Math.min(length, this.end - this.position));
				if (read < 0) {
					// The body ended early (a proxy cut it cleanly): resume too.
					throw new IOException("The range ended at " + this.position + ", before " + this.end);
				}
				this.position += read;
				return read;
			}
			catch (ObjectChangedException ex) {
				this.changed = ex;
				throw new IOException(ex.getMessage(), ex);
			}
			catch (StorageAccessDeniedException ex) {
				this.denied = ex;
				throw new IOException(ex.getMessage(), ex);
			}
			catch (IOException | StorageException ex) {
				dropCurrent();
				if (this.reopensLeft == 0) {
					throw (ex instanceof IOException io) ? io
							: new IOException("Reading " + this.object.key() + " failed: " + ex.getMessage(), ex);
				}
				this.reopensLeft--;
				logger.warn("Reading s3://{}/{} (version {}) failed at byte {}: {}; reopening the range ({} more)",
						this.object.bucket(), this.object.key(), this.object.versionId(), this.position,
						ex.getMessage(), this.reopensLeft);
			}
		}
	}

	private InputStream open() {
		if (this.current == null) {
			this.current = this.reader.openRange(this.object, this.position, this.end);
		}
		return this.current;
	}

	private void dropCurrent() {
		InputStream stream = this.current;
		this.current = null;
		if (stream != null) {
			try {
				stream.close();
			}
			catch (IOException | RuntimeException ex) {
				// The connection is broken already; the next range is a new one.
				logger.debug("Closing a broken range of {} failed: {}", this.object.key(), ex.getMessage());
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.closed = true;
		InputStream stream = this.current;
		this.current = null;
		if (stream instanceof Abortable abortable && this.position < this.end) {
			// Closing a GET before its end would read the rest of the range to keep the
			// connection: a scan that stopped at an infected member must not do that.
			abortable.abort();
		}
		if (stream != null) {
			stream.close();
		}
	}

}
