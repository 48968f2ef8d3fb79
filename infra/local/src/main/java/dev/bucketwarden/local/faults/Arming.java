package dev.bucketwarden.local.faults;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import org.jspecify.annotations.Nullable;

/**
 * The faults a proxy is armed with, and the decision for each request: armed faults are
 * tried in the order they were armed, and the first that selects the request and fires is
 * spent on it. Synchronized: connections decide concurrently.
 */
final class Arming {

	private final List<Arm> arms = new ArrayList<>();

	synchronized void add(String operation, FaultKind kind, int times) {
		if (times <= 0) {
			throw new IllegalArgumentException("times must be positive: " + times);
		}
		this.arms.add(new Arm(operation, kind, times, 1.0, null));
	}

	synchronized void addRandom(String operation, FaultKind kind, double probability, long seed, int max) {
		if (!(probability > 0 && probability <= 1)) {
			throw new IllegalArgumentException("probability must be in (0, 1]: " + probability);
		}
		if (max <= 0) {
			throw new IllegalArgumentException("max must be positive: " + max);
		}
		this.arms.add(new Arm(operation, kind, max, probability, new Random(seed)));
	}

	synchronized void clear() {
		this.arms.clear();
	}

	/** The fault for this request, if one is armed for it and fires. */
	synchronized @Nullable FaultKind take(AwsOperation operation) {
		for (Iterator<Arm> each = this.arms.iterator(); each.hasNext();) {
			Arm arm = each.next();
			if (operation.matches(arm.operation) && arm.fires()) {
				if (arm.left == 0) {
					each.remove();
				}
				return arm.kind;
			}
		}
		return null;
	}

	/** Faults still to be injected by count-armed entries (random ones excluded). */
	synchronized int pending() {
		return this.arms.stream().filter((arm) -> arm.random == null).mapToInt((arm) -> arm.left).sum();
	}

	private static final class Arm {

		private final String operation;

		private final FaultKind kind;

		private final double probability;

		private final @Nullable Random random;

		private int left;

		Arm(String operation, FaultKind kind, int left, double probability, @Nullable Random random) {
			this.operation = operation;
			this.kind = kind;
			this.left = left;
			this.probability = probability;
			this.random = random;
		}

		boolean fires() {
			// The draw is made for every selected request, so a seed gives one schedule
			// for
			// one sequence of requests.
			if (this.random != null && this.random.nextDouble() >= this.probability) {
				return false;
			}
			this.left--;
			return true;
		}

	}

}
