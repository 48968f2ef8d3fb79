package dev.bucketwarden.console.dashboard;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.util.unit.DataSize;

import dev.bucketwarden.console.economics.EconomicsReport;
import dev.bucketwarden.console.economics.Money;
import dev.bucketwarden.store.results.ResultStatus;

/**
 * Charts as inline SVG, drawn on the server: no script, and each chart has a title and a
 * description for screen readers (the page also shows the same figures as tables).
 * Everything written is numbers or escaped text.
 */
final class Charts {

	static final Map<ResultStatus, String> COLORS = Map.of(ResultStatus.CLEAN, "#2e7d32", ResultStatus.INFECTED,
			"#c62828", ResultStatus.INFECTED_ALLOWED, "#ef6c00", ResultStatus.UNSCANNABLE, "#6a1b9a",
			ResultStatus.ERROR, "#455a64", ResultStatus.SKIPPED, "#9e9e9e");

	private static final int WIDTH = 640;

	private static final int HEIGHT = 200;

	private Charts() {
	}

	/** Scans per day, stacked by result. */
	static String scansPerDay(List<DashboardStats.Day> days) {
		long max = Math.max(1, days.stream().mapToLong(DashboardStats.Day::total).max().orElse(1));
		StringBuilder svg = open("chart-scans", "Scans per day",
				"Scans per day over the last " + days.size() + " days, stacked by result; most in one day: " + max);
		double slot = (double) (WIDTH - 40) / days.size();
		for (int i = 0; i < days.size(); i++) {
			DashboardStats.Day day = days.get(i);
			double x = 30 + i * slot;
			double y = HEIGHT - 20;
			for (ResultStatus status : ResultStatus.values()) {
				long count = day.count(status);
				if (count == 0) {
					continue;
				}
				double h = (HEIGHT - 40) * (double) count / max;
				y -= h;
				svg.append(String.format(Locale.ROOT,
						"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %d</title></rect>",
						x, y, slot * 0.7, h, COLORS.get(status), day.date(), status.label(), count));
			}
			if (i % Math.max(1, days.size() / 7) == 0) {
				svg.append(
						String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"14\" fill=\"#333\">%s</text>",
								x, HEIGHT - 5, day.date().toString().substring(5)));
			}
		}
		axis(svg, max);
		return close(svg);
	}

	/** Bytes scanned per day. */
	static String bytesPerDay(List<DashboardStats.Day> days) {
		long max = Math.max(1, days.stream().mapToLong(DashboardStats.Day::bytes).max().orElse(1));
		StringBuilder svg = open("chart-bytes", "Bytes scanned per day",
				"Bytes scanned per day over the last " + days.size() + " days; most in one day: " + human(max));
		double slot = (double) (WIDTH - 40) / days.size();
		for (int i = 0; i < days.size(); i++) {
			DashboardStats.Day day = days.get(i);
			double h = (HEIGHT - 40) * (double) day.bytes() / max;
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#1565c0\"><title>%s: %s</title></rect>",
					30 + i * slot, HEIGHT - 20 - h, slot * 0.7, h, day.date(), human(day.bytes())));
		}
		svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"14\" font-size=\"14\" fill=\"#333\">%s</text>",
				escape(human(max))));
		return close(svg);
	}

	/** Records by result, as horizontal bars. */
	static String verdicts(Map<ResultStatus, Long> totals) {
		long max = Math.max(1, totals.values().stream().mapToLong(Long::longValue).max().orElse(1));
		StringBuilder svg = open("chart-verdicts", "Results", "Scan records by result");
		int row = 0;
		for (Map.Entry<ResultStatus, Long> entry : totals.entrySet()) {
			double w = (WIDTH - 220) * (double) entry.getValue() / max;
			int y = 10 + row * 30;
			svg.append(String.format(Locale.ROOT,
					"<text x=\"0\" y=\"%d\" font-size=\"16\" fill=\"#222\">%s</text>"
							+ "<rect x=\"130\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"></rect>"
							+ "<text x=\"%.1f\" y=\"%d\" font-size=\"16\" fill=\"#222\">%d</text>",
					y + 14, entry.getKey().label(), y, w, COLORS.get(entry.getKey()), 136 + w, y + 14,
					entry.getValue()));
			row++;
		}
		return close(svg);
	}

	/** Objects scanned per day of the period, infected ones drawn over them. */
	static String scansAndInfections(List<EconomicsReport.Day> days) {
		long max = Math.max(1, days.stream().mapToLong(EconomicsReport.Day::scans).max().orElse(1));
		StringBuilder svg = open("chart-economics-scans", "Scans and infections per day",
				"Objects scanned per day from " + first(days) + " to " + last(days)
						+ ", infected ones in red; most in one day: " + max);
		double slot = (double) (WIDTH - 40) / Math.max(1, days.size());
		for (int i = 0; i < days.size(); i++) {
			EconomicsReport.Day day = days.get(i);
			double x = 30 + i * slot;
			double h = (HEIGHT - 40) * (double) day.scans() / max;
			double hi = (HEIGHT - 40) * (double) day.infected() / max;
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#1565c0\"><title>%s scanned: %d</title></rect>"
							+ "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s infected: %d</title></rect>",
					x, HEIGHT - 20 - h, bar(slot), h, day.date(), day.scans(), x, HEIGHT - 20 - hi, bar(slot), hi,
					COLORS.get(ResultStatus.INFECTED), day.date(), day.infected()));
			label(svg, days.size(), i, x, day.date().toString());
		}
		axis(svg, max);
		return close(svg);
	}

	/** The 95th percentile of time to verdict per day of the period. */
	static String timeToVerdict(List<EconomicsReport.Day> days) {
		long max = Math.max(1,
				days.stream()
					.filter((day) -> day.timeToVerdictP95() != null)
					.mapToLong((day) -> day.timeToVerdictP95().toMillis())
					.max()
					.orElse(1));
		StringBuilder svg = open("chart-economics-time", "Time to verdict, 95th percentile per day",
				"Time from the event to the verdict, 95th percentile per day, from " + first(days) + " to " + last(days)
						+ "; highest: " + max + " ms");
		double slot = (double) (WIDTH - 40) / Math.max(1, days.size());
		for (int i = 0; i < days.size(); i++) {
			EconomicsReport.Day day = days.get(i);
			double x = 30 + i * slot;
			if (day.timeToVerdictP95() != null) {
				long millis = day.timeToVerdictP95().toMillis();
				double h = (HEIGHT - 40) * (double) millis / max;
				svg.append(String.format(Locale.ROOT,
						"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#00838f\"><title>%s p95: %d ms</title></rect>",
						x, HEIGHT - 20 - h, bar(slot), h, day.date(), millis));
			}
			label(svg, days.size(), i, x, day.date().toString());
		}
		svg.append(
				String.format(Locale.ROOT, "<text x=\"2\" y=\"14\" font-size=\"14\" fill=\"#333\">%d ms</text>", max));
		return close(svg);
	}

	/** The estimated cost per day of the period. */
	static String cost(List<EconomicsReport.Day> days) {
		BigDecimal max = days.stream()
			.map(EconomicsReport.Day::cost)
			.max(BigDecimal::compareTo)
			.filter((value) -> value.signum() > 0)
			.orElse(BigDecimal.ONE);
		StringBuilder svg = open("chart-economics-cost", "Estimated cost per day",
				"Estimated cost per day (request fees and compute at list prices) from " + first(days) + " to "
						+ last(days) + "; highest: " + Money.usd(max));
		double slot = (double) (WIDTH - 40) / Math.max(1, days.size());
		for (int i = 0; i < days.size(); i++) {
			EconomicsReport.Day day = days.get(i);
			double x = 30 + i * slot;
			double h = (HEIGHT - 40) * day.cost().doubleValue() / max.doubleValue();
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#6d4c41\"><title>%s: %s</title></rect>",
					x, HEIGHT - 20 - h, bar(slot), h, day.date(), escape(Money.usd(day.cost()))));
			label(svg, days.size(), i, x, day.date().toString());
		}
		svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"14\" font-size=\"14\" fill=\"#333\">%s</text>",
				escape(Money.usd(max))));
		return close(svg);
	}

	/** A bar's width: most of its slot, but no wider than a bar among a week's. */
	private static double bar(double slot) {
		return Math.min(0.7 * slot, 60);
	}

	private static void label(StringBuilder svg, int count, int i, double x, String date) {
		if (i % Math.max(1, count / 7) == 0) {
			svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"14\" fill=\"#333\">%s</text>",
					x, HEIGHT - 5, date.substring(5)));
		}
	}

	private static String first(List<EconomicsReport.Day> days) {
		return days.isEmpty() ? "" : days.getFirst().date().toString();
	}

	private static String last(List<EconomicsReport.Day> days) {
		return days.isEmpty() ? "" : days.getLast().date().toString();
	}

	static String human(long bytes) {
		if (bytes >= DataSize.ofGigabytes(1).toBytes()) {
			return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
		}
		if (bytes >= DataSize.ofMegabytes(1).toBytes()) {
			return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
		}
		if (bytes >= 1000) {
			return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
		}
		return bytes + " B";
	}

	private static StringBuilder open(String id, String title, String description) {
		StringBuilder svg = new StringBuilder();
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
			.append(WIDTH)
			.append(' ')
			.append(HEIGHT)
			.append("\" width=\"100%\" aria-labelledby=\"")
			.append(id)
			.append("-title ")
			.append(id)
			.append("-desc\" id=\"")
			.append(id)
			.append("\"><title id=\"")
			.append(id)
			.append("-title\">")
			.append(escape(title))
			.append("</title><desc id=\"")
			.append(id)
			.append("-desc\">")
			.append(escape(description))
			.append("</desc>");
		return svg;
	}

	private static void axis(StringBuilder svg, long max) {
		svg.append(String.format(Locale.ROOT, "<line x1=\"28\" y1=\"20\" x2=\"28\" y2=\"%d\" stroke=\"#999\"></line>"
				+ "<text x=\"2\" y=\"24\" font-size=\"14\" fill=\"#333\">%d</text>", HEIGHT - 20, max));
	}

	private static String close(StringBuilder svg) {
		return svg.append("</svg>").toString();
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
