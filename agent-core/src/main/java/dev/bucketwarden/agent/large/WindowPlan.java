package dev.bucketwarden.agent.large;

import java.util.ArrayList;
import java.util.List;

import dev.bucketwarden.store.results.Coverage;

/**
 * Cuts {@code size} bytes into windows of {@code window} bytes, each starting
 * {@code window - overlap} bytes after the one before, the last one ending at the end.
 * Any run of up to {@code overlap} bytes lies whole inside at least one window.
 */
public final class WindowPlan {

	private WindowPlan() {
	}

	public static Plan of(long size, long window, long overlap) {
		if (size <= 0) {
			throw new IllegalArgumentException("Nothing to cut: " + size + " bytes");
		}
		List<Part> parts = new ArrayList<>(cut(0, 0, size, window, overlap));
		return new Plan(Coverage.windows(window, overlap, parts.size()), parts);
	}

	/**
	 * Cuts bytes {@code [start, end)} of an object into windows numbered from
	 * {@code firstIndex}: a range that is not a member of an archive (a zip's directory).
	 */
	static List<Window> cut(int firstIndex, long start, long end, long window, long overlap) {
		if (start < 0 || end <= start) {
			throw new IllegalArgumentException("Nothing to cut: [" + start + ", " + end + ")");
		}
		if (window <= 0 || overlap < 0 || overlap * 2 >= window) {
			throw new IllegalArgumentException("A window needs a size and an overlap under half of it");
		}
		long step = window - overlap;
		List<Window> windows = new ArrayList<>();
		long from = start;
		while (true) {
			long to = Math.min(from + window, end);
			windows.add(new Window(firstIndex + windows.size(), from, to));
			if (to == end) {
				return windows;
			}
			from += step;
		}
	}

}
