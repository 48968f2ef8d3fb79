package dev.bucketwarden.retro.ebs;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.jobs.EbsSource;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobCounters;
import dev.bucketwarden.jobs.JobSpec;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.retro.volume.VolumeScanner;
import dev.bucketwarden.store.results.ResultStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one result a snapshot is tagged with: Clean only when every file was scanned Clean.
 */
class SnapshotVerdictTests {

	@Test
	void shouldBeCleanOnlyWhenEveryFileWasScannedClean() {
		assertThat(SnapshotVerdict.of(walked(JobState.DONE, true, Map.of(Counter.CLEAN, 3L))))
			.isEqualTo(ResultStatus.CLEAN);
		assertThat(SnapshotVerdict.of(walked(JobState.DONE, true, Map.of(Counter.CLEAN, 3L, Counter.SKIPPED, 1L))))
			.as("a symbolic link, its target scanned as itself")
			.isEqualTo(ResultStatus.CLEAN);
	}

	@Test
	void shouldBeInfectedWhenAnyFileIs() {
		assertThat(SnapshotVerdict
			.of(walked(JobState.DONE, true, Map.of(Counter.CLEAN, 3L, Counter.INFECTED, 1L, Counter.ERRORS, 1L))))
			.isEqualTo(ResultStatus.INFECTED);
		assertThat(SnapshotVerdict.of(walked(JobState.CANCELLED, false, Map.of(Counter.INFECTED, 1L))))
			.isEqualTo(ResultStatus.INFECTED);
	}

	@Test
	void shouldBeAnErrorWhenNotEveryFileWasScannedClean() {
		assertThat(SnapshotVerdict.of(walked(JobState.DONE, true, Map.of(Counter.CLEAN, 3L, Counter.ERRORS, 1L))))
			.isEqualTo(ResultStatus.ERROR);
		assertThat(SnapshotVerdict.of(walked(JobState.DONE, true, Map.of(Counter.CLEAN, 3L, Counter.UNSCANNABLE, 1L))))
			.isEqualTo(ResultStatus.ERROR);
		assertThat(SnapshotVerdict.of(walked(JobState.CANCELLED, false, Map.of(Counter.CLEAN, 3L))))
			.as("a walk that stopped")
			.isEqualTo(ResultStatus.ERROR);
		assertThat(SnapshotVerdict.of(walked(JobState.DONE, false, Map.of(Counter.CLEAN, 3L))))
			.as("a result that could not be recorded")
			.isEqualTo(ResultStatus.ERROR);
		assertThat(SnapshotVerdict.of(walked(JobState.DONE, true, Map.of()))).as("no file: not mounted?")
			.isEqualTo(ResultStatus.ERROR);
		Map<Counter, Long> leftOut = new EnumMap<>(Map.of(Counter.CLEAN, 3L));
		leftOut.put(Counter.LISTED, 4L);
		assertThat(SnapshotVerdict.of(walked(JobState.DONE, true, leftOut))).as("a file listed, not scanned")
			.isEqualTo(ResultStatus.ERROR);
		assertThat(SnapshotVerdict.whyError(walked(JobState.DONE, true, Map.of()))).contains("no file");
	}

	/** A walk whose files had these results (each listed and scanned unless given). */
	private static VolumeScanner.Walked walked(JobState state, boolean complete, Map<Counter, Long> results) {
		Map<Counter, Long> counters = new EnumMap<>(Counter.class);
		long files = results.entrySet()
			.stream()
			.filter((e) -> e.getKey() != Counter.LISTED)
			.mapToLong(Map.Entry::getValue)
			.sum();
		counters.put(Counter.LISTED, files);
		counters.put(Counter.SCANNED, files);
		counters.putAll(results);
		Instant now = Instant.now();
		Job job = new Job("retro-1", JobSpec.ebs(EbsSource.snapshot("snap-1"), "test"), state,
				new JobCounters(counters), now, now, null);
		return new VolumeScanner.Walked(job, complete);
	}

}
