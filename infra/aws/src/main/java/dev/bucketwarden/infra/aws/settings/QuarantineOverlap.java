package dev.bucketwarden.infra.aws.settings;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a bucket entry that reaches a quarantine bucket. A protected bucket is one the
 * agents may tag and delete in and the console may wire and put policies on: a pattern
 * that covers the quarantine bucket would make the evidence of every infection a target
 * of the same rights, and its copies would be scanned and moved again.
 * <p>
 * A named quarantine bucket is compared with each entry as S3, IAM and EventBridge match
 * it ({@code *} is any characters). A quarantine bucket the stacks create has a name
 * CloudFormation generates, known only after the deployment; it always starts with the
 * stack's name in lower case ({@value #GENERATED_PREFIX}...), so an entry that could
 * match any name with that start ({@code *}, {@code bucketwarden-*}, {@code *-uploads})
 * is refused: a narrower pattern, or a named quarantine bucket, lets it through.
 */
final class QuarantineOverlap {

	/** How every bucket name CloudFormation generates for the stacks starts. */
	static final String GENERATED_PREFIX = "bucketwarden-";

	private QuarantineOverlap() {
	}

	/**
	 * @param quarantineBucket the named quarantine bucket, or null when the stack creates
	 * it
	 */
	static void refuse(String key, List<String> entries, String quarantineBucket) {
		for (String entry : entries) {
			boolean overlaps = (quarantineBucket != null) ? matches(entry, quarantineBucket)
					: matchesSomeNameStartingWith(entry.toLowerCase(Locale.ROOT), GENERATED_PREFIX);
			if (overlaps) {
				String quarantine = (quarantineBucket != null) ? "the quarantine bucket " + quarantineBucket
						: "the quarantine bucket the stack creates (its name starts with " + GENERATED_PREFIX + ")";
				throw new IllegalArgumentException("Context '" + key + "' has '" + entry + "', which matches "
						+ quarantine + ": quarantined objects would be scanned, tagged and removed like protected ones."
						+ " Use names or a pattern with your own prefix (such as acme-*), or name the quarantine"
						+ " bucket with 'quarantineBucket'");
			}
		}
	}

	/** Whether the entry (a name or a pattern with {@code *}) matches the name. */
	static boolean matches(String entry, String name) {
		Set<Integer> states = read(entry, name);
		return states.contains(entry.length());
	}

	/**
	 * Whether the entry matches at least one name that starts with the prefix: after
	 * reading the prefix the pattern is still alive, and its rest can always be matched
	 * by what follows.
	 */
	static boolean matchesSomeNameStartingWith(String entry, String prefix) {
		return !read(entry, prefix).isEmpty();
	}

	/**
	 * The positions in the pattern reachable after reading the text: a {@code *} stays
	 * where it is for each character it takes and may take none.
	 */
	private static Set<Integer> read(String pattern, String text) {
		Set<Integer> states = closure(pattern, Set.of(0));
		for (int i = 0; i < text.length() && !states.isEmpty(); i++) {
			char c = text.charAt(i);
			Set<Integer> next = new HashSet<>();
			for (int state : states) {
				if (state < pattern.length()) {
					char p = pattern.charAt(state);
					if (p == '*') {
						next.add(state);
					}
					else if (p == c) {
						next.add(state + 1);
					}
				}
			}
			states = closure(pattern, next);
		}
		return states;
	}

	private static Set<Integer> closure(String pattern, Set<Integer> states) {
		Set<Integer> closed = new HashSet<>(states);
		for (int state : states) {
			int position = state;
			while (position < pattern.length() && pattern.charAt(position) == '*') {
				closed.add(++position);
			}
		}
		return closed;
	}

}
