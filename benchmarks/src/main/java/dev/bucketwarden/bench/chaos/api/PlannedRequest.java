package dev.bucketwarden.bench.chaos.api;

import org.jspecify.annotations.Nullable;

/**
 * One request of the run, decided by the seed before it starts.
 *
 * @param body what it sends
 * @param upload whether it is a store-after-scan upload ({@code /api/v1/upload}), else a
 * scan-only request ({@code /api/v1/scan})
 * @param key the upload's key, unique in the run; {@code null} for a scan
 * @param cutAt for a client that disconnects mid-body: how many of the body's bytes it
 * sends before it closes the connection; -1 for a client that sends it all
 * @param reset whether the disconnecting client resets the connection (RST) rather than
 * closing it (FIN)
 */
record PlannedRequest(ChaosBody body, boolean upload, @Nullable String key, int cutAt, boolean reset) {

	boolean disconnects() {
		return this.cutAt >= 0;
	}

	String path() {
		return this.upload ? "/api/v1/upload?bucket=" + UploadMix.BUCKET + "&key=" + this.key : "/api/v1/scan";
	}

	@Override
	public String toString() {
		return (this.upload ? "upload " + this.key : "scan") + " of " + this.body
				+ (disconnects() ? " cut at " + this.cutAt + (this.reset ? " (reset)" : " (closed)") : "");
	}

}
