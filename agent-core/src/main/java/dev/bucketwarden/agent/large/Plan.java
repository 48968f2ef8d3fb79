package dev.bucketwarden.agent.large;

import java.util.List;
import java.util.Objects;

import dev.bucketwarden.store.results.Coverage;

/**
 * How a large object is cut: the coverage its record will state, and its parts in order.
 * Every byte of the object is in at least one part.
 */
public record Plan(Coverage coverage, List<Part> parts) {

	public Plan {
		Objects.requireNonNull(coverage, "coverage");
		parts = List.copyOf(parts);
		if (parts.isEmpty() || parts.size() != coverage.parts()) {
			throw new IllegalArgumentException("A plan has its coverage's number of parts, at least one");
		}
		for (int i = 0; i < parts.size(); i++) {
			if (parts.get(i).index() != i) {
				throw new IllegalArgumentException("Part " + i + " has index " + parts.get(i).index());
			}
		}
	}

}
