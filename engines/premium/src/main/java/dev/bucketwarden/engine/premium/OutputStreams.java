package dev.bucketwarden.engine.premium;

import java.io.OutputStream;

final class OutputStreams {

	/** Discards what is written: for draining content that must be read to its end. */
	static final OutputStream NULL = OutputStream.nullOutputStream();

	private OutputStreams() {
	}

}
