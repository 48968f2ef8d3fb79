package dev.bucketwarden.console.dashboard;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.util.unit.DataSize;

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
