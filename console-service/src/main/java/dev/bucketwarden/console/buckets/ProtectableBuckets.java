package dev.bucketwarden.console.buckets;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which buckets this deployment can protect: in AWS the agents' rights, the console's
 * right to wire notifications and the S3 event topic's policy cover the deployment's
 * {@code protectedBuckets} only (names, or patterns where {@code *} stands for any
 * characters). The console refuses other buckets before S3 would, with a message that
 * says what to change. No patterns (the local stack): any bucket.
 */
public final class ProtectableBuckets {

	/**
	 * S3's name characters (legacy ones included) and the wildcard, as infra/aws takes
	 * them.
	 */
	private static final Pattern ENTRY = Pattern.compile("[A-Za-z0-9._*-]{1,255}");

	private final List<String> patterns;

	private final List<Pattern> matchers;

	private ProtectableBuckets(List<String> patterns) {
		this.patterns = List.copyOf(patterns);
		this.matchers = this.patterns.stream().map(ProtectableBuckets::matcher).toList();
	}

	/**
	 * @param patterns {@code bucketwarden.console.protectable-buckets}; null or empty for
	 * any bucket
	 * @throws IllegalArgumentException for an entry that is neither a name nor a pattern
	 */
	public static ProtectableBuckets of(List<String> patterns) {
		List<String> entries = (patterns != null) ? patterns.stream().map(String::strip).toList() : List.of();
		for (String entry : entries) {
			if (!ENTRY.matcher(entry).matches()) {
				throw new IllegalArgumentException("bucketwarden.console.protectable-buckets has '" + entry
						+ "', which is neither a bucket name nor a name pattern such as acme-* or *");
			}
		}
		return new ProtectableBuckets(entries);
	}

	public boolean allows(String bucket) {
		return this.matchers.isEmpty() || this.matchers.stream().anyMatch((m) -> m.matcher(bucket).matches());
	}

	/** Whether the deployment limits protection to its patterns. */
	public boolean limited() {
		return !this.patterns.isEmpty();
	}

	public List<String> patterns() {
		return this.patterns;
	}

	/** Why a bucket cannot be protected, in the words of the deployment guide. */
	String refusal(String bucket) {
		return "bucket " + bucket + " is outside this deployment's protectedBuckets (patterns "
				+ String.join(", ", this.patterns) + "): add it and deploy";
	}

	/** {@code *} is any run of characters, everything else itself. */
	private static Pattern matcher(String pattern) {
		return Pattern
			.compile(List.of(pattern.split("\\*", -1)).stream().map(Pattern::quote).collect(Collectors.joining(".*")));
	}

}
