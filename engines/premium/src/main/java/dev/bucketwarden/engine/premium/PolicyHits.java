package dev.bucketwarden.engine.premium;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.bucketwarden.engine.spi.Verdict;

/**
 * The policy hits of one scan, turned into a verdict at the end: any infected hit wins,
 * else the first unscannable one, else clean. Not thread-safe: one scan's.
 */
final class PolicyHits {

	private final Policy policy;

	private final Set<String> infected = new LinkedHashSet<>();

	private final List<Verdict.Unscannable> unscannable = new ArrayList<>();

	PolicyHits(Policy policy) {
		this.policy = policy;
	}

	Policy policy() {
		return this.policy;
	}

	/**
	 * Records a hit of the rule, as its action says.
	 * @param where the object or archive entry, for the detail
	 */
	void hit(Rule rule, String where) {
		hit(rule, rule.signature(), where);
	}

	void hit(Rule rule, String signature, String where) {
		switch (this.policy.action(rule)) {
			case INFECTED -> this.infected.add(signature);
			case UNSCANNABLE ->
				this.unscannable.add(new Verdict.Unscannable(rule.reason(), signature + " (" + where + ")"));
			case OFF -> {
			}
		}
	}

	/** A match that is always infected, such as a YARA rule. */
	void infected(String signature) {
		this.infected.add(signature);
	}

	boolean enabled(Rule rule) {
		return this.policy.action(rule) != Action.OFF;
	}

	Verdict verdict() {
		if (!this.infected.isEmpty()) {
			return new Verdict.Infected(List.copyOf(this.infected));
		}
		if (!this.unscannable.isEmpty()) {
			return this.unscannable.getFirst();
		}
		return new Verdict.Clean();
	}

}
