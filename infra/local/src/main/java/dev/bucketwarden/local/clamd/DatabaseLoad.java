package dev.bucketwarden.local.clamd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What loading its signature database cost a clamd, as a benchmark reports it beside its
 * figures: a scan's cost, clamd's start-up and its memory all grow with the database, so
 * figures measured on different databases do not compare.
 *
 * @param written how long writing the synthetic signatures took (zero without them)
 * @param loaded from clamd's launch until it answered PING, the database loaded (to the
 * readiness check's 100 ms)
 * @param signatures how many signatures clamd said it loaded (its log's
 * {@code Loaded N signatures.}), or -1 when the log does not say
 * @param rssBytes clamd's resident memory once ready ({@code VmRSS}), or -1 where
 * {@code /proc} does not tell
 */
public record DatabaseLoad(Duration written, Duration loaded, long signatures, long rssBytes) {

	private static final Pattern LOADED = Pattern.compile("Loaded (\\d+) signatures");

	private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+)\\s+kB");

	/**
	 * For a benchmark's header: {@code 220009 signatures loaded in 7.9 s, RSS 410 MiB}.
	 */
	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%s signatures loaded in %.1f s, RSS %s%s",
				(this.signatures >= 0) ? Long.toString(this.signatures) : "?", this.loaded.toMillis() / 1000.0,
				(this.rssBytes >= 0) ? (this.rssBytes >> 20) + " MiB" : "?",
				this.written.isZero() ? "" : String.format(Locale.ROOT, " (synthetic signatures written in %.1f s)",
						this.written.toMillis() / 1000.0));
	}

	/** The count in the last {@code Loaded N signatures.} line of clamd's log, or -1. */
	static long loadedSignatures(Path log) {
		List<String> lines;
		try {
			lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			return -1;
		}
		long count = -1;
		for (String line : lines) {
			Matcher matcher = LOADED.matcher(line);
			if (matcher.find()) {
				count = Long.parseLong(matcher.group(1));
			}
		}
		return count;
	}

	/** The process's resident set size from {@code /proc/PID/status}, or -1. */
	static long residentBytes(long pid) {
		try {
			Matcher matcher = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
			return matcher.find() ? Long.parseLong(matcher.group(1)) << 10 : -1;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

}
