package dev.bucketwarden.agent.chain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.EngineInfo;
import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.ScanEngineProvider;
import dev.bucketwarden.engine.spi.Verdict;

/**
 * A test engine ({@code flaky}) that fails as its {@code mode} setting says: {@code down}
 * (unavailable), {@code hang} (reads a little, then sleeps for {@code hang}, ignoring
 * interrupts), or {@code clean} (reads everything).
 */
final class FlakyEngineProvider implements ScanEngineProvider {

	@Override
	public String id() {
		return "flaky";
	}

	@Override
	public ScanEngine create(EngineSettings settings) {
		String mode = settings.string("mode", "down");
		Duration hang = settings.duration("hang", Duration.ofSeconds(3));
		return new ScanEngine() {

			@Override
			public String id() {
				return "flaky";
			}

			@Override
			public Verdict scan(InputStream content, ScanContext context) {
				try {
					switch (mode) {
						case "down" -> throw EngineException.unavailable("flaky engine is down", null);
						case "hang" -> {
							content.readNBytes(100);
							long until = System.nanoTime() + hang.toNanos();
							while (System.nanoTime() < until) {
								try {
									Thread.sleep(50);
								}
								catch (InterruptedException ex) {
									// hung engines ignore interrupts
								}
							}
						}
						default -> content.transferTo(OutputStreamHolder.NULL);
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				return new Verdict.Clean();
			}

			@Override
			public EngineInfo info() {
				return new EngineInfo("flaky", "Flaky 1.0", "1", null);
			}

			@Override
			public EngineInfo probe() {
				return info();
			}

		};
	}

	private static final class OutputStreamHolder {

		static final java.io.OutputStream NULL = java.io.OutputStream.nullOutputStream();

	}

}
