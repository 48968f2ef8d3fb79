package dev.bucketwarden.retro.crawl;

import java.util.List;

import dev.bucketwarden.jobs.Partition;

/**
 * One page of a partition.
 *
 * @param objects the object versions of the page that belong to the partition
 * @param next where the following page starts (done at the partition's end)
 */
record ListedPage(List<ListedObject> objects, Partition.Checkpoint next) {

	ListedPage {
		objects = List.copyOf(objects);
	}

}
