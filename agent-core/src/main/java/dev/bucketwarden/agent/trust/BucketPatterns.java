package dev.bucketwarden.agent.trust;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Bucket names or patterns where {@code *} stands for any run of characters (bucket names
 * have no other wildcard), as the deployment's {@code protectedBuckets} lists them.
 */
public final class BucketPatterns {

	private final List<Pattern> patterns;

	private BucketPatterns(List<Pattern> patterns) {
		this.patterns = patterns;
	}

	/**
	 * @param entries names or patterns; empty matches every bucket
	 */
	public static BucketPatterns of(List<String> entries) {
		return new BucketPatterns(entries.stream()
			.map(String::strip)
			.filter((entry) -> !entry.isEmpty())
			.map(BucketPatterns::compile)
			.toList());
	}

	public boolean isEmpty() {
		return this.patterns.isEmpty();
	}

	/** Whether the bucket is named or matched (every bucket when there are none). */
	public boolean matches(String bucket) {
		return this.patterns.isEmpty()
				|| this.patterns.stream().anyMatch((pattern) -> pattern.matcher(bucket).matches());
	}

	private static Pattern compile(String entry) {
		StringBuilder regex = new StringBuilder();
		for (String part : entry.split("\\*", -1)) {
			if (!regex.isEmpty() || entry.startsWith("*")) {
				regex.append(".*");
			}
			regex.append(Pattern.quote(part));
		}
		return Pattern.compile(regex.toString());
	}

}
