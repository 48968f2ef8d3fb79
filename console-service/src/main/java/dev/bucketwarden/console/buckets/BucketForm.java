package dev.bucketwarden.console.buckets;

import java.util.Arrays;
import java.util.List;

import dev.bucketwarden.store.settings.LargeObjects;
import dev.bucketwarden.store.settings.Remediation;
import dev.bucketwarden.store.tags.TagSchema;

/**
 * The settings form of the Buckets page: lists are one value per line (engines may also
 * be separated by commas).
 */
record BucketForm(Boolean tagging, TagSchema tagSchema, Remediation remediation, String quarantineBucket,
		String maxSize, String skipPrefixes, String skipSuffixes, String allowList, String engines,
		LargeObjects largeObjects) {

	BucketRequest toRequest() {
		return new BucketRequest(this.tagging != null && this.tagging, this.tagSchema, this.remediation,
				this.quarantineBucket, this.maxSize, lines(this.skipPrefixes), lines(this.skipSuffixes),
				lines(this.allowList), lines((this.engines != null) ? this.engines.replace(',', '\n') : null),
				this.largeObjects);
	}

	private static List<String> lines(String text) {
		return (text == null) ? List.of()
				: Arrays.stream(text.split("\\R")).map(String::strip).filter((s) -> !s.isEmpty()).toList();
	}

}
