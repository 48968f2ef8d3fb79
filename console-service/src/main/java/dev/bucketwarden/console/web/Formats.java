package dev.bucketwarden.console.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import dev.bucketwarden.store.results.Coverage;

/** How pages show times and sizes ({@code ${@formats.time(...)}} in templates). */
@Component("formats")
public class Formats {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	public String time(Instant instant) {
		return (instant != null) ? TIME.format(instant) : "";
	}

	/** The largest whole unit: 5TB, 5GB, 100MB, 512KB, else bytes. */
	public static String size(DataSize size) {
		long bytes = size.toBytes();
		if (bytes > 0 && bytes % (1L << 40) == 0) {
			return (bytes >> 40) + "TB";
		}
		if (bytes > 0 && bytes % (1L << 30) == 0) {
			return (bytes >> 30) + "GB";
		}
		if (bytes > 0 && bytes % (1L << 20) == 0) {
			return (bytes >> 20) + "MB";
		}
		if (bytes > 0 && bytes % (1L << 10) == 0) {
			return (bytes >> 10) + "KB";
		}
		return bytes + "B";
	}

	public String dataSize(DataSize size) {
		return size(size);
	}

	/** Bytes for people, one decimal in binary units: {@code 20.0 GiB}, {@code 512 B}. */
	public String bytes(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		String[] units = { "KiB", "MiB", "GiB", "TiB", "PiB" };
		double value = bytes;
		int unit = -1;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
	}

	/**
	 * How a record's bytes were scanned, in one line: {@code Whole object}, or the parts
	 * and their sizes (a windowed Clean must not read like a whole one).
	 */
	public String coverage(@Nullable Coverage coverage) {
		if (coverage == null || coverage.kind() == Coverage.Kind.WHOLE) {
			return "Whole object";
		}
		return switch (coverage.kind()) {
			case WHOLE -> "Whole object";
			case MEMBERS -> "Archive members, " + coverage.parts() + " parts of up to " + bytes(coverage.window());
			case WINDOWS -> coverage.parts() + " windows of " + bytes(coverage.window()) + ", overlapping "
					+ bytes(coverage.overlap());
		};
	}

	/** An age for people: {@code 42s}, {@code 7m 3s}, {@code 2h 5m}, {@code 3d 4h}. */
	public String age(Duration age) {
		long seconds = Math.max(0, age.toSeconds());
		if (seconds < 60) {
			return seconds + "s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + "m " + (seconds % 60) + "s";
		}
		if (seconds < 86400) {
			return (seconds / 3600) + "h " + ((seconds % 3600) / 60) + "m";
		}
		return (seconds / 86400) + "d " + ((seconds % 86400) / 3600) + "h";
	}

}
