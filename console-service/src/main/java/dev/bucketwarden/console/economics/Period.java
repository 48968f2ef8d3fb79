package dev.bucketwarden.console.economics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * Whole UTC days, {@code from} to {@code to} included.
 *
 * @param from the first day
 * @param to the last day
 */
public record Period(LocalDate from, LocalDate to) {

	/** The longest period shown at once: every day is one Query of usage. */
	public static final int MAX_DAYS = 92;

	public Period {
		if (to.isBefore(from)) {
			throw new IllegalArgumentException("The period ends before it starts: " + from + " to " + to);
		}
		if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
			throw new IllegalArgumentException("At most " + MAX_DAYS + " days at once");
		}
	}

	/** The given days, or the {@code days} days up to today when either is missing. */
	public static Period of(@Nullable LocalDate from, @Nullable LocalDate to, Instant now, int days) {
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		LocalDate last = (to != null) ? to : today;
		return new Period((from != null) ? from : last.minusDays(days - 1), last);
	}

	public Instant start() {
		return this.from.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	/** The end, excluded: the start of the day after {@code to}. */
	public Instant end() {
		return this.to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	public boolean contains(Instant instant) {
		return !instant.isBefore(start()) && instant.isBefore(end());
	}

	public int days() {
		return (int) ChronoUnit.DAYS.between(this.from, this.to) + 1;
	}

}
