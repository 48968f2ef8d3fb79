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
		if (window <= 0 || overlap < 0 || overlap * 2 >= window) {
			throw new IllegalArgumentException("A window needs a size and an overlap under half of it");
		}
		long step = window - overlap;
		List<Part> parts = new ArrayList<>();
		long start = 0;
		while (true) {
			long end = Math.min(start + window, size);
			parts.add(new Window(parts.size(), start, end));
			if (end == size) {
				break;
			}
			start += step;
		}
		return new Plan(Coverage.windows(window, overlap, parts.size()), parts);
	}

}
