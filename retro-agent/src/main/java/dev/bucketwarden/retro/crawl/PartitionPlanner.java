package dev.bucketwarden.retro.crawl;

import java.util.ArrayList;
import java.util.List;

import dev.bucketwarden.jobs.Partition;

/**
 * Splits a bucket into key ranges at its common prefixes, so several listers crawl it at
 * once. Ranges are contiguous and cover every key exactly once: the first starts at the
 * beginning, the last runs to the end, and each boundary is a common prefix.
 */
final class PartitionPlanner {

	private PartitionPlanner() {
	}

	/**
	 * @param commonPrefixes the bucket's common prefixes below the job's prefix, in key
	 * order
	 * @param firstIndex the index of the first partition
	 */
	static List<Partition> plan(String bucket, String prefix, List<String> commonPrefixes, int maxPartitions,
			int firstIndex) {
		int count = Math.max(1, Math.min(maxPartitions, commonPrefixes.size()));
		List<String> boundaries = new ArrayList<>();
		for (int i = 1; i < count; i++) {
			boundaries.add(commonPrefixes.get((int) ((long) i * commonPrefixes.size() / count)));
		}
		List<Partition> partitions = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String startAt = (i == 0) ? null : boundaries.get(i - 1);
			String endBefore = (i == count - 1) ? null : boundaries.get(i);
			partitions
				.add(new Partition(firstIndex + i, bucket, prefix, startAt, endBefore, Partition.Checkpoint.START));
		}
		return partitions;
	}

}
