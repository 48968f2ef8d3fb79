package dev.bucketwarden.console.buckets;

import java.util.List;

import dev.bucketwarden.console.regions.ConsoleRegions;
import dev.bucketwarden.console.regions.RegionsProperties;

/**
 * Which buckets this deployment can protect, region by region. Each region's stack grants
 * its agents and S3 event topic its own {@code protectedBuckets} (and those of the linked
 * accounts whose roles its agents use), so the console's {@code protectable-buckets}
 * covers its own region and each further region's entry its own; an entry without a list
 * takes the console's. A name no region allows is refused before S3 is asked, a bucket
 * whose region does not allow it once the region is known.
 */
final class RegionalProtectable {

	private final ProtectableBuckets home;

	private final ConsoleRegions regions;

	RegionalProtectable(ProtectableBuckets home, ConsoleRegions regions) {
		this.home = home;
		this.regions = regions;
	}

	/** The console region's names and patterns. */
	ProtectableBuckets home() {
		return this.home;
	}

	/** Whether any region with agents can protect a bucket of this name. */
	boolean allowsAnywhere(String bucket) {
		return this.regions.names().stream().anyMatch((region) -> in(region).allows(bucket));
	}

	/** Whether the bucket, in this region, can be protected. */
	boolean allows(String bucket, String region) {
		return this.regions.hasAgents(region) && in(region).allows(bucket);
	}

	/** Why no region can protect the bucket. */
	String refusal(String bucket) {
		return this.home.refusal(bucket);
	}

	/** Why the bucket, in this region, cannot be protected. */
	String refusal(String bucket, String region) {
		ProtectableBuckets patterns = in(region);
		return "bucket " + bucket + " (region " + region + ") is outside that region's protectedBuckets (patterns "
				+ String.join(", ", patterns.patterns()) + "): add it to the region's entry and deploy";
	}

	private ProtectableBuckets in(String region) {
		List<String> own = this.regions.entry(region).map(RegionsProperties.Region::protectableBuckets).orElse(null);
		return (own != null) ? ProtectableBuckets.of(own) : this.home;
	}

}
