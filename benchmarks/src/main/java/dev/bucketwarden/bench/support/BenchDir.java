package dev.bucketwarden.bench.support;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A benchmark's temp dir (files, servers' state, logs): deleted when the benchmark ends,
 * also on Ctrl-C through a shutdown hook, unless the logs are to be kept.
 */
public final class BenchDir implements AutoCloseable {

	private final Path root;

	private final boolean keep;

	private final PrintStream out;

	private final Thread cleanup;

	private BenchDir(Path root, boolean keep, PrintStream out) {
		this.root = root;
		this.keep = keep;
		this.out = out;
		this.cleanup = new Thread(() -> TestFiles.deleteTree(root), "bench-cleanup");
		if (!keep) {
			Runtime.getRuntime().addShutdownHook(this.cleanup);
		}
	}

	/**
	 * Creates the dir in {@code parent}.
	 * @param keep whether to keep it (and say where) instead of deleting it
	 */
	public static BenchDir create(Path parent, String prefix, boolean keep, PrintStream out) {
		try {
			Files.createDirectories(parent);
			return new BenchDir(Files.createTempDirectory(parent, prefix), keep, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a temp dir in " + parent, ex);
		}
	}

	public Path root() {
		return this.root;
	}

	@Override
	public void close() {
		if (this.keep) {
			this.out.println("Logs kept in " + this.root);
			return;
		}
		if (!TestFiles.deleteTree(this.root)) {
			System.err.println("Could not delete all of " + this.root);
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.cleanup);
		}
		catch (IllegalStateException ex) {
			// shutting down: the hook runs anyway
		}
	}

}
