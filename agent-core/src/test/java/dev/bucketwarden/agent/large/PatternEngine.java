package dev.bucketwarden.agent.large;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.spi.EngineInfo;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.Verdict;

/**
 * A test engine for fast property tests of the part scanners: reads each content whole
 * (contents here are a few KiB), finds one byte pattern anywhere in it, and fails when
 * the context's size is not the content's length. clamd is what the integration tests
 * use.
 */
final class PatternEngine implements ScanEngine {

	private final byte[] pattern;

	final List<Long> lengths = new ArrayList<>();

	PatternEngine(byte[] pattern) {
		this.pattern = pattern;
	}

	EngineChain chain() {
		return EngineChain.builder().engine(this).build();
	}

	@Override
	public String id() {
		return "pattern";
	}

	@Override
	public Verdict scan(InputStream content, ScanContext context) {
		byte[] bytes;
		try {
			bytes = content.readAllBytes();
		}
		catch (IOException ex) {
			return new Verdict.Error(ErrorKind.CONTENT_READ, String.valueOf(ex.getMessage()), ex);
		}
		this.lengths.add((long) bytes.length);
		if (context.sizeKnown() && context.size() != bytes.length) {
			return new Verdict.Error(ErrorKind.PROTOCOL,
					"Context says " + context.size() + " bytes, the content has " + bytes.length, null);
		}
		for (int at = 0; at + this.pattern.length <= bytes.length; at++) {
			if (Arrays.equals(bytes, at, at + this.pattern.length, this.pattern, 0, this.pattern.length)) {
				return Verdict.Infected.of("Test.Pattern");
			}
		}
		return new Verdict.Clean();
	}

	@Override
	public EngineInfo info() {
		return EngineInfo.unknown("pattern");
	}

	@Override
	public EngineInfo probe() {
		return info();
	}

}
