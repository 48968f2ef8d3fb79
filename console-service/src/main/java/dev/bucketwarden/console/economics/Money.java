package dev.bucketwarden.console.economics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * How the economics figures are written ({@code ${@money.usd(...)}} in templates): small
 * sums keep six decimals (a test workload costs fractions of a cent), sums of a dollar or
 * more two.
 */
@Component("money")
public class Money {

	public static String usd(@Nullable BigDecimal amount) {
		if (amount == null) {
			return "n/a";
		}
		int scale = (amount.abs().compareTo(BigDecimal.ONE) >= 0) ? 2 : 6;
		return "$" + amount.setScale(scale, RoundingMode.HALF_UP).toPlainString();
	}

	public static String gigabytes(BigDecimal gb) {
		return gb.setScale(6, RoundingMode.HALF_UP).toPlainString() + " GB";
	}

	public static String millis(@Nullable Duration duration) {
		return (duration != null) ? String.format(Locale.ROOT, "%d ms", duration.toMillis()) : "n/a";
	}

	public String formatHours(BigDecimal hours) {
		return hours.setScale(4, RoundingMode.HALF_UP).toPlainString();
	}

	public String formatUsd(@Nullable BigDecimal amount) {
		return usd(amount);
	}

	public String formatGigabytes(BigDecimal gb) {
		return gigabytes(gb);
	}

	public String formatMillis(@Nullable Duration duration) {
		return millis(duration);
	}

}
