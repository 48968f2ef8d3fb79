package dev.bucketwarden.engine.chain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.EngineInfo;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.Verdict;

/**
 * A test engine that reads the content as told (all of it, some of it, none), remembers
 * what it read, then answers the scripted verdict or throws the scripted failure.
 */
final class ScriptedEngine implements ScanEngine {

	private final String id;

	private final Supplier<Verdict> answer;

	private final long readLimit;

	private int scans;

	private String lastSha256;

	private long lastBytes;

	private Runnable onScan = () -> {
	};

	private ScriptedEngine(String id, Supplier<Verdict> answer, long readLimit) {
		this.id = id;
		this.answer = answer;
		this.readLimit = readLimit;
	}

	static ScriptedEngine answering(String id, Verdict verdict) {
		return new ScriptedEngine(id, () -> verdict, Long.MAX_VALUE);
	}

	static ScriptedEngine failing(String id, EngineException failure) {
		return new ScriptedEngine(id, () -> {
			throw failure;
		}, Long.MAX_VALUE);
	}

	static ScriptedEngine crashing(String id) {
		return new ScriptedEngine(id, () -> {
			throw new NullPointerException("bug in engine");
		}, Long.MAX_VALUE);
	}

	/** Reads only the first {@code bytes} bytes, then answers. */
	static ScriptedEngine readingOnly(String id, long bytes, Verdict verdict) {
		return new ScriptedEngine(id, () -> verdict, bytes);
	}

	/** Runs {@code action} at the start of each scan, to look at the world then. */
	ScriptedEngine onScan(Runnable action) {
		this.onScan = action;
		return this;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public Verdict scan(InputStream content, ScanContext context) {
		this.scans++;
		this.onScan.run();
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[8192];
			long read = 0;
			while (read < this.readLimit) {
				int n = content.read(buffer, 0, (int) Math.min(buffer.length, this.readLimit - read));
				if (n == -1) {
					break;
				}
				digest.update(buffer, 0, n);
				read += n;
			}
			this.lastBytes = read;
			this.lastSha256 = HexFormat.of().formatHex(digest.digest());
		}
		catch (IOException ex) {
			throw EngineException.contentRead("read failed: " + ex.getMessage(), ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new UncheckedIOException(new IOException(ex));
		}
		return this.answer.get();
	}

	@Override
	public EngineInfo info() {
		return new EngineInfo(this.id, "Scripted 1.0", "7", null);
	}

	@Override
	public EngineInfo probe() {
		return info();
	}

	int scans() {
		return this.scans;
	}

	String lastSha256() {
		return this.lastSha256;
	}

	long lastBytes() {
		return this.lastBytes;
	}

}
