package dev.bucketwarden.store.results;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;

class DynamoDbResultStoreTests {

	@Test
	void shouldKeepEachEnginesSignatureVersionAndDate() {
		ScanRecord record = record(Instant.parse("2026-11-20T08:00:00Z"));

		ScanRecord read = DynamoDbResultStore.fromItem(DynamoDbResultStore.toItem(record));

		assertThat(read).isEqualTo(record);
		assertThat(read.engines().getFirst().signatureVersion()).isEqualTo("27830");
		assertThat(read.engines().getFirst().signatureDate()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
	}

	@Test
	void shouldReadRecordsWithoutASignatureDate() {
		ScanRecord record = record(null);

		assertThat(DynamoDbResultStore.fromItem(DynamoDbResultStore.toItem(record))).isEqualTo(record);
	}

	@Test
	void shouldKeepTheEventTimeForTimeToVerdict() {
		ScanRecord record = record(null).withEventTime(Instant.parse("2026-11-27T09:59:58.500Z"));

		ScanRecord read = DynamoDbResultStore.fromItem(DynamoDbResultStore.toItem(record));

		assertThat(read).isEqualTo(record);
		assertThat(read.timeToVerdict()).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void shouldReadRecordsWrittenWithoutAnEventTime() {
		ScanRecord record = record(null);
		var item = new java.util.HashMap<>(DynamoDbResultStore.toItem(record));

		assertThat(item).doesNotContainKey("eventTime");
		ScanRecord read = DynamoDbResultStore.fromItem(item);
		assertThat(read.eventTime()).isNull();
		assertThat(read.timeToVerdict()).isNull();
	}

	@Test
	void shouldKeepTheRegionThatScannedIt() {
		ScanRecord record = record(null).withRegion("us-west-2");

		ScanRecord read = DynamoDbResultStore.fromItem(DynamoDbResultStore.toItem(record));

		assertThat(read.region()).isEqualTo("us-west-2");
		assertThat(read).isEqualTo(record);
	}

	@Test
	void shouldReadRecordsWrittenBeforeRegionsWereKept() {
		var item = new java.util.HashMap<>(DynamoDbResultStore.toItem(record(null)));

		assertThat(item).doesNotContainKey("region");
		assertThat(DynamoDbResultStore.fromItem(item).region()).isNull();
	}

	private static ScanRecord record(Instant signatureDate) {
		return new ScanRecord("id", "bucket", "key", "v1", "etag", 68, ResultStatus.INFECTED, "Eicar", null,
				List.of("Eicar"),
				List.of(new ScanRecord.EngineRecord("clamav", "Infected", List.of("Eicar"), null, "ClamAV 1.4.6",
						"27830", 12, signatureDate)),
				Instant.parse("2026-11-27T10:00:00Z"), Duration.ofMillis(12), TaggingStatus.TAGGED,
				RemediationState.KEPT, null, true, ScanSource.RETRO);
	}

}
