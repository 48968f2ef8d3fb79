package dev.bucketwarden.engine.clamav;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import dev.bucketwarden.engine.chain.ChainPolicy;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.local.samples.Samples;

/**
 * Run in a child JVM with a small heap by {@link BoundedMemoryIntegrationTests}: scans
 * generated content far larger than the heap through a two-engine chain (so the spool
 * path is used) and prints the verdict and the bytes scanned.
 */
public final class LargeStreamScan {

	private LargeStreamScan() {
	}

	public static void main(String[] args) {
		int port = Integer.parseInt(args[0]);
		long size = Long.parseLong(args[1]);
		ClamavSettings settings = ClamavSettings.DEFAULTS.withTcp("127.0.0.1", port).withStreamMaxLength(size);
		EngineChain chain = EngineChain.builder()
			.engine(new ClamavEngine("clamav", settings))
			.engine(new ClamavEngine("clamav-again", settings))
			.policy(ChainPolicy.RUN_ALL)
			.build();
		ScanReport report = chain.scan(new GeneratedContent(size), ScanContext.of(new ObjectRef.Upload("large"), size));
		System.out.println("verdict=" + report.verdict().result().label() + " bytes=" + report.bytesScanned()
				+ " engines=" + report.signaturesByEngine().keySet() + " maxHeapMiB="
				+ Runtime.getRuntime().maxMemory() / (1 << 20));
	}

	/** Random bytes generated on the fly, ending with the test marker. */
	static final class GeneratedContent extends InputStream {

		private final byte[] marker = Samples.MARKER.getBytes(StandardCharsets.US_ASCII);

		private final long size;

		private final SplittableRandom random = new SplittableRandom(1);

		private long position;

		GeneratedContent(long size) {
			this.size = size;
		}

		@Override
		public int read() {
			byte[] one = new byte[1];
			return (read(one, 0, 1) == -1) ? -1 : one[0] & 0xFF;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (this.position >= this.size) {
				return -1;
			}
			int n = (int) Math.min(length, this.size - this.position);
			long markerStart = this.size - this.marker.length;
			for (int i = 0; i < n; i++) {
				long at = this.position + i;
				buffer[offset + i] = (at >= markerStart) ? this.marker[(int) (at - markerStart)]
						: (byte) this.random.nextInt(256);
			}
			this.position += n;
			return n;
		}

	}

}
