package dev.bucketwarden.console.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/** How pages show times and sizes ({@code ${@formats.time(...)}} in templates). */
@Component("formats")
public class Formats {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	public String time(Instant instant) {
		return (instant != null) ? TIME.format(instant) : "";
	}

	/** The largest whole unit: 5GB, 100MB, 512KB, else bytes. */
	public static String size(DataSize size) {
		long bytes = size.toBytes();
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

}
