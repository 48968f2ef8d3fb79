package dev.bucketwarden.engine.chain;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import dev.bucketwarden.engine.spi.EngineInfo;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.Verdict;

/**
 * A test engine that reads some of the content and then hangs, ignoring interrupts, as a
 * wedged engine would; bounded (it gives up after {@code hang}) so tests never leak a
 * thread for long. When it wakes up it tries to read on, and remembers whether it could.
 */
final class HangingEngine implements ScanEngine {

	private final String id;

	private final int readFirst;

	private final Duration hang;

	final CountDownLatch woke = new CountDownLatch(1);

	volatile boolean readAfterWaking;

	HangingEngine(String id, int readFirst, Duration hang) {
		this.id = id;
		this.readFirst = readFirst;
		this.hang = hang;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public Verdict scan(InputStream content, ScanContext context) {
		try {
			content.readNBytes(this.readFirst);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		long until = System.nanoTime() + this.hang.toNanos();
		while (System.nanoTime() < until) {
			try {
				Thread.sleep(Math.max(1, (until - System.nanoTime()) / 1_000_000));
			}
			catch (InterruptedException ex) {
				// a wedged engine does not care
			}
		}
		try {
			this.readAfterWaking = content.read() != -1;
		}
		catch (IOException ex) {
			this.readAfterWaking = false;
		}
		finally {
			this.woke.countDown();
		}
		return new Verdict.Clean();
	}

	@Override
	public EngineInfo info() {
		return new EngineInfo(this.id, "Hanging 1.0", null, null);
	}

	@Override
	public EngineInfo probe() {
		return info();
	}

}
