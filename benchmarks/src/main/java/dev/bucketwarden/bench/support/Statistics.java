package dev.bucketwarden.bench.support;

import java.util.Arrays;
import java.util.Collection;
import java.util.function.ToDoubleFunction;

/**
 * The figures every benchmark reports from repeated runs: medians (robust against a run
 * that load on the machine slowed down), spreads and nearest-rank percentiles. One place,
 * so that every report means the same by "median" and "p99".
 */
public final class Statistics {

	private Statistics() {
	}

	/**
	 * The median of {@code metric} over {@code runs}: the middle value, or the mean of
	 * the two middle ones; NaN when there are none.
	 */
	public static <T> double median(Collection<T> runs, ToDoubleFunction<? super T> metric) {
		return median(runs.stream().mapToDouble(metric).toArray());
	}

	/** The median of {@code values} (in any order); NaN when there are none. */
	public static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		if (n == 0) {
			return Double.NaN;
		}
		return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	/**
	 * (max - min) / median of {@code metric} over {@code runs}: how far apart repeated
	 * runs lie; 0 when the median is not positive.
	 */
	public static <T> double spread(Collection<T> runs, ToDoubleFunction<? super T> metric) {
		double[] values = runs.stream().mapToDouble(metric).toArray();
		double min = Arrays.stream(values).min().orElse(0);
		double max = Arrays.stream(values).max().orElse(0);
		double median = median(values);
		return (median > 0) ? (max - min) / median : 0;
	}

	/**
	 * The p-th percentile (nearest rank) of {@code sorted} nanoseconds, in milliseconds;
	 * NaN when there are none.
	 */
	public static double percentileMillis(long[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)] / 1e6;
	}

}
