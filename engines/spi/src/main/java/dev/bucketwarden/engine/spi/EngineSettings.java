package dev.bucketwarden.engine.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One engine's settings as plain strings (for example the
 * {@code bucketwarden.engines.clamav} properties of an agent), with the parsing every
 * engine needs. Keys are kebab-case; values of sizes and durations use Spring Boot's
 * forms ({@code 64KB}, {@code 25MB}, {@code 30s}, {@code PT30S}), so the same values work
 * in application properties and here.
 */
public final class EngineSettings {

	private static final Pattern DATA_SIZE = Pattern.compile("^(\\d+)\\s*([KMGT]?I?B?)$");

	private static final Pattern SIMPLE_DURATION = Pattern.compile("^(\\d+)\\s*(ns|us|ms|s|m|h|d)?$");

	private final Map<String, String> values;

	private EngineSettings(Map<String, String> values) {
		this.values = Map.copyOf(values);
	}

	public static EngineSettings of(Map<String, String> values) {
		return new EngineSettings(values);
	}

	public static EngineSettings empty() {
		return new EngineSettings(Map.of());
	}

	/** Every key set, for engines whose settings have keys of their own making. */
	public java.util.Set<String> keys() {
		return new java.util.TreeSet<>(this.values.keySet());
	}

	/**
	 * These settings with the keys under {@code prefix} in place of the same keys without
	 * it: {@code overriddenBy("buckets.uploads.")} makes
	 * {@code buckets.uploads.max-entries} win over {@code max-entries}. This is how an
	 * engine reads per-bucket (or other scoped) settings from one flat set.
	 */
	public EngineSettings overriddenBy(String prefix) {
		Map<String, String> merged = new java.util.HashMap<>(this.values);
		this.values.forEach((key, value) -> {
			if (key.startsWith(prefix) && key.length() > prefix.length()) {
				merged.put(key.substring(prefix.length()), value);
			}
		});
		return new EngineSettings(merged);
	}

	public Optional<String> get(String key) {
		return Optional.ofNullable(this.values.get(key)).map(String::strip).filter((value) -> !value.isEmpty());
	}

	public String string(String key, String defaultValue) {
		return get(key).orElse(defaultValue);
	}

	public int integer(String key, int defaultValue) {
		return get(key).map((value) -> parse(key, value, Integer::parseInt)).orElse(defaultValue);
	}

	public boolean bool(String key, boolean defaultValue) {
		return get(key).map((value) -> parse(key, value, EngineSettings::parseBoolean)).orElse(defaultValue);
	}

	public Optional<Path> path(String key) {
		return get(key).map(Path::of);
	}

	public Duration duration(String key, Duration defaultValue) {
		return get(key).map((value) -> parse(key, value, EngineSettings::parseDuration)).orElse(defaultValue);
	}

	/**
	 * A size in bytes; units are binary as in Spring Boot ({@code 1KB} is 1024 bytes).
	 */
	public long dataSize(String key, long defaultValue) {
		return get(key).map((value) -> parse(key, value, EngineSettings::parseDataSize)).orElse(defaultValue);
	}

	private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
		try {
			return parser.apply(value);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Invalid value '" + value + "' for engine setting '" + key + "'", ex);
		}
	}

	private static boolean parseBoolean(String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "true", "yes", "on" -> true;
			case "false", "no", "off" -> false;
			default -> throw new IllegalArgumentException("not a boolean");
		};
	}

	static Duration parseDuration(String value) {
		if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
			return Duration.parse(value);
		}
		Matcher matcher = SIMPLE_DURATION.matcher(value.toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw new IllegalArgumentException("not a duration");
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "ms";
		return switch (unit) {
			case "ns" -> Duration.ofNanos(amount);
			case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
			case "ms" -> Duration.ofMillis(amount);
			case "s" -> Duration.ofSeconds(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofDays(amount);
		};
	}

	static long parseDataSize(String value) {
		Matcher matcher = DATA_SIZE.matcher(value.toUpperCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw new IllegalArgumentException("not a data size");
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = matcher.group(2).replace("I", "");
		int shift = switch (unit) {
			case "", "B" -> 0;
			case "K", "KB" -> 10;
			case "M", "MB" -> 20;
			case "G", "GB" -> 30;
			case "T", "TB" -> 40;
			default -> throw new IllegalArgumentException("unknown unit " + unit);
		};
		return Math.multiplyExact(amount, 1L << shift);
	}

	@Override
	public String toString() {
		// Keys only: values may hold credentials of commercial engines.
		return "EngineSettings" + this.values.keySet();
	}

}
