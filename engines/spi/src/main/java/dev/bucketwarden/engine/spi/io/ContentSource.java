package dev.bucketwarden.engine.spi.io;

import java.io.IOException;
import java.io.InputStream;

import dev.bucketwarden.engine.spi.EngineException;

/**
 * Reads the content to scan in chunks, turning a failure of its source (the S3 stream, a
 * local file) into an {@link EngineException} of kind content-read, so that it is never
 * mistaken for a failure of the engine's daemon.
 */
public final class ContentSource {

	private ContentSource() {
	}

	/**
	 * Reads up to {@code length} bytes into {@code buffer} at {@code offset}, fewer only
	 * at the end of the content.
	 * @return the bytes read; 0 at the end of the content
	 */
	public static int read(InputStream content, byte[] buffer, int offset, int length) {
		try {
			return content.readNBytes(buffer, offset, length);
		}
		catch (IOException ex) {
			throw failure(ex);
		}
	}

	/** The engine exception for a failed read of the content. */
	public static EngineException failure(IOException ex) {
		return EngineException.contentRead("Reading the content to scan failed: " + ex.getMessage(), ex);
	}

}
