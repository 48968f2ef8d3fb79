package dev.bucketwarden.retro.crawl;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.jobs.Partition;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionPlannerTests {

	@Test
	void shouldCoverEveryKeyExactlyOnce() {
		List<String> prefixes = List.of("a/", "b/", "c/", "d/", "e/", "f/", "g/");
		List<Partition> partitions = PartitionPlanner.plan("bucket", "", prefixes, 3, 5);

		assertThat(partitions).extracting(Partition::index).containsExactly(5, 6, 7);
		for (String key : List.of("", "0", "a", "a/x", "b", "c/", "c/z", "cc", "f/q", "g/", "zzz", "\uD83D\uDE00")) {
			assertThat(partitions.stream().filter((p) -> p.contains(key)).count()).as(key).isEqualTo(1);
		}
		assertThat(partitions.getFirst().startAt()).isNull();
		assertThat(partitions.getLast().endBefore()).isNull();
	}

	@Test
	void shouldMakeOnePartitionWithoutPrefixes() {
		assertThat(PartitionPlanner.plan("bucket", "p/", List.of(), 8, 0)).singleElement()
			.satisfies((p) -> assertThat(p.startAt()).isNull());
	}

	@Test
	void shouldStartAfterAKeyJustBeforeTheBoundary() {
		assertThat(ObjectLister.before("p3/")).isEqualTo("p3").isLessThan("p3/");
	}

}
