package dev.bucketwarden.agent.large;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanLimits;

/**
 * Scans a {@link Window}: one ranged GET of the pinned version streamed through the chain
 * as one content of the window's length. Nothing is held whole: the bytes flow from S3 to
 * the engines.
 */
public final class WindowScanner implements PartScanner {

	private final ObjectStore store;

	public WindowScanner(ObjectStore store) {
		this.store = store;
	}

	@Override
	public ScanReport scan(ObjectInfo pinned, Part part, EngineChain chain, ScanLimits limits) {
		if (!(part instanceof Window window)) {
			throw new IllegalArgumentException("Not a window: " + part);
		}
		ScanContext context = new ScanContext(new ObjectRef.S3Object(pinned.bucket(), pinned.key(), pinned.versionId()),
				window.length(), pinned.contentType(), limits);
		try (InputStream content = this.store.openRange(pinned, window.start(), window.end())) {
			return chain.scan(content, context);
		}
		catch (IOException ex) {
			// Closing a range read to its end failed: the verdict stands, but the caller
			// treats the part as not scanned and tries again.
			throw new UncheckedIOException("Closing the range of " + pinned.key() + " failed", ex);
		}
	}

}
