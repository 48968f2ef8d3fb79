package dev.bucketwarden.agent.large;

/**
 * Bytes {@code [start, end)} of the object, scanned as one content. Neighbouring windows
 * overlap so that a signature no longer than the overlap is whole in one of them.
 */
public record Window(int index, long start, long end) implements Part {

	public Window {
		if (index < 0 || start < 0 || end <= start) {
			throw new IllegalArgumentException("A window needs an index and a non-empty range");
		}
	}

}
