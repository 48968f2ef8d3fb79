package dev.bucketwarden.local.clamd;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A large signature set of random signatures, written beside our test database so that
 * clamd loads and matches against something the size of a real one: our test set has a
 * handful of signatures, the official databases millions, and the cost of a scan (and
 * clamd's start-up and memory) grows with them.
 * <p>
 * {@value #HASH_FILE} holds MD5 hash signatures ({@code md5:size:name}) with random
 * hashes and sizes spread log-uniformly from 64 bytes to 16 MiB, as malware samples are
 * mostly small but reach megabytes; clamd computes a file's MD5 whenever a signature has
 * its size. {@value #BODY_FILE} holds body signatures for any file type
 * ({@code name:0:*:hex}) of 16 to 32 random bytes each: no shared prefix beyond what
 * chance gives, so clamd's pattern matcher cannot fold them into a few cheap paths.
 * Random content matches none of them (a given 16-byte pattern turns up in random data
 * with odds of 2^-128 per offset), so verdicts on random content stay Clean, and our own
 * signatures (EICAR among them) still detect.
 * <p>
 * The same counts and seed always give the same bytes; the files are written at run time,
 * streamed, and never kept in the repository.
 *
 * @param hashSignatures how many MD5 hash signatures
 * @param bodySignatures how many body signatures
 * @param seed where the random signatures start from
 */
public record SyntheticSignatures(int hashSignatures, int bodySignatures, long seed) {

	/** No synthetic signatures: clamd loads our test database alone. */
	public static final SyntheticSignatures NONE = new SyntheticSignatures(0, 0, 0);

	static final String HASH_FILE = "bwbench.hdb";

	static final String BODY_FILE = "bwbench.ndb";

	static final String NAME_PREFIX = "BwBench.Synthetic.";

	private static final int MIN_PATTERN_BYTES = 16;

	private static final int MAX_PATTERN_BYTES = 32;

	private static final double MIN_SIZE_LOG = Math.log(64);

	private static final double MAX_SIZE_LOG = Math.log(16 << 20);

	/** Keeps the body signatures independent of how many hash signatures come first. */
	private static final long BODY_SEED_MIX = 0x9E3779B97F4A7C15L;

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	public SyntheticSignatures {
		if (hashSignatures < 0 || bodySignatures < 0) {
			throw new IllegalArgumentException("Signature counts must not be negative");
		}
	}

	/** Whether there is anything to write. */
	public boolean isEmpty() {
		return this.hashSignatures == 0 && this.bodySignatures == 0;
	}

	/** Hash and body signatures together. */
	public long count() {
		return (long) this.hashSignatures + this.bodySignatures;
	}

	/**
	 * Writes {@value #HASH_FILE} and {@value #BODY_FILE} into clamd's database directory,
	 * or removes them when this set is empty (a work directory used before keeps no
	 * signatures of an earlier run).
	 */
	void writeTo(Path databaseDir) {
		try {
			if (isEmpty()) {
				Files.deleteIfExists(databaseDir.resolve(HASH_FILE));
				Files.deleteIfExists(databaseDir.resolve(BODY_FILE));
				return;
			}
			try (Writer out = writer(databaseDir.resolve(HASH_FILE))) {
				writeHashSignatures(out);
			}
			try (Writer out = writer(databaseDir.resolve(BODY_FILE))) {
				writeBodySignatures(out);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write synthetic signatures into " + databaseDir, ex);
		}
	}

	void writeHashSignatures(Writer out) throws IOException {
		SplittableRandom random = new SplittableRandom(this.seed);
		char[] line = new char[128];
		for (int i = 1; i <= this.hashSignatures; i++) {
			int at = hex(random, 16, line, 0);
			line[at++] = ':';
			at = decimal(size(random), line, at);
			line[at++] = ':';
			at = name("Hdb-", i, line, at);
			line[at++] = '\n';
			out.write(line, 0, at);
		}
	}

	void writeBodySignatures(Writer out) throws IOException {
		SplittableRandom random = new SplittableRandom(this.seed ^ BODY_SEED_MIX);
		char[] line = new char[160];
		for (int i = 1; i <= this.bodySignatures; i++) {
			int at = name("Ndb-", i, line, 0);
			line[at++] = ':';
			line[at++] = '0';
			line[at++] = ':';
			line[at++] = '*';
			line[at++] = ':';
			at = hex(random, random.nextInt(MIN_PATTERN_BYTES, MAX_PATTERN_BYTES + 1), line, at);
			line[at++] = '\n';
			out.write(line, 0, at);
		}
	}

	private static Writer writer(Path file) throws IOException {
		return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII), 1 << 20);
	}

	private static long size(SplittableRandom random) {
		return Math.round(Math.exp(random.nextDouble(MIN_SIZE_LOG, MAX_SIZE_LOG)));
	}

	private static int hex(SplittableRandom random, int bytes, char[] line, int at) {
		for (int i = 0; i < bytes; i++) {
			int b = random.nextInt(256);
			line[at++] = HEX[b >>> 4];
			line[at++] = HEX[b & 0xf];
		}
		return at;
	}

	/** {@code BwBench.Synthetic.Hdb-0000001}: seven digits, enough for the huge set. */
	private static int name(String kind, int number, char[] line, int at) {
		at = copy(NAME_PREFIX, line, at);
		at = copy(kind, line, at);
		String digits = Integer.toString(number);
		for (int pad = digits.length(); pad < 7; pad++) {
			line[at++] = '0';
		}
		return copy(digits, line, at);
	}

	private static int decimal(long value, char[] line, int at) {
		return copy(Long.toString(value), line, at);
	}

	private static int copy(String text, char[] line, int at) {
		text.getChars(0, text.length(), line, at);
		return at + text.length();
	}

}
