package dev.bucketwarden.store.results;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An optional engine's failure is kept in the record and its DynamoDB item.
 */
class OptionalFailureRecordTests {

	private final ScanRecord record = new ScanRecord("id-1", "uploads", "a.txt", "v1", "etag", 10, ResultStatus.CLEAN,
			null, null, List.of(),
			List.of(new ScanRecord.EngineRecord("clamav", "Clean", List.of(), null, "ClamAV 1.4.6", "27000", 5, true),
					new ScanRecord.EngineRecord("icap", "Error", List.of(), "UNAVAILABLE: connection refused",
							"unknown", null, 1, false)),
			Instant.parse("2026-11-27T10:00:00Z"), Duration.ofMillis(6), TaggingStatus.TAGGED, RemediationState.NONE,
			null, false, ScanSource.EVENT);

	@Test
	void shouldKeepOptionalFailuresThroughDynamoDb() {
		ScanRecord read = DynamoDbResultStore.fromItem(DynamoDbResultStore.toItem(this.record));

		assertThat(read).isEqualTo(this.record);
		assertThat(read.optionalFailures()).extracting(ScanRecord.EngineRecord::engineId).containsExactly("icap");
	}

	@Test
	void shouldReadEnginesOfOlderRecordsAsRequired() {
		var item = new java.util.HashMap<>(DynamoDbResultStore.toItem(this.record));
		var engines = item.get("engines").l().stream().map((engine) -> {
			var map = new java.util.HashMap<>(engine.m());
			map.remove("required");
			return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM(map);
		}).toList();
		item.put("engines", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL(engines));

		assertThat(DynamoDbResultStore.fromItem(item).optionalFailures()).isEmpty();
	}

}
