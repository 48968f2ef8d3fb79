package dev.bucketwarden.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.tags.TaggingStatus;

/** Scan records for tests. */
public final class ConsoleFixtures {

	private ConsoleFixtures() {
	}

	public static ScanRecord infected(String id, String bucket, String key) {
		return new ScanRecord(id, bucket, key, "v1", "\"etag\"", 68, ResultStatus.INFECTED, null, null,
				List.of("BucketWarden.Test.Eicar.UNOFFICIAL"),
				List.of(new ScanRecord.EngineRecord("clamav", "Infected", List.of("BucketWarden.Test.Eicar.UNOFFICIAL"),
						null, "ClamAV 1.4.6", "1", 3, Instant.parse("2026-01-01T00:00:00Z"))),
				Instant.parse("2026-01-02T10:00:00Z"), Duration.ofMillis(3), TaggingStatus.TAGGED,
				RemediationState.QUARANTINED, "s3://q/" + bucket + "/" + key, true, ScanSource.EVENT);
	}

}
