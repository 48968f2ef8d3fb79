package dev.bucketwarden.agent.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.engine.chain.EngineResult;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.tags.TaggingStatus;

/** The factory of scan records: builds them from what the pipeline saw. */
final class ScanRecords {

	private ScanRecords() {
	}

	/**
	 * With the status the pipeline decided (InfectedAllowed for an allow-listed finding)
	 * and our tag keys that did not fit beside the user's.
	 */
	static ScanRecord of(String id, ObjectInfo object, ScanReport report, ResultStatus status, TaggingStatus tagging,
			List<String> droppedTags, RemediationState remediation, Instant scannedAt, ScanSource source) {
		Verdict verdict = report.verdict();
		List<String> signatures = (verdict instanceof Verdict.Infected infected) ? infected.signatures() : List.of();
		return new ScanRecord(id, object.bucket(), object.key(), object.versionId(), object.eTag(), object.size(),
				status, reason(verdict), (verdict instanceof Verdict.Error error) ? error.kind().name() : null,
				signatures, report.engines().stream().map(ScanRecords::engine).toList(), scannedAt, report.duration(),
				tagging, remediation, null, false, source, droppedTags);
	}

	static ScanRecord skipped(String id, ScanTarget target, String reason, Instant at) {
		return new ScanRecord(id, target.bucket(), target.key(), target.versionId(),
				(target.eTag() != null) ? target.eTag() : "unknown", 0, ResultStatus.SKIPPED, reason, null, List.of(),
				List.of(), at, Duration.ZERO, TaggingStatus.DISABLED, RemediationState.NONE, null, true,
				target.source());
	}

	static ScanRecord accessDenied(String id, ScanTarget target, String message, Instant at) {
		return new ScanRecord(id, target.bucket(), target.key(), target.versionId(),
				(target.eTag() != null) ? target.eTag() : "unknown", 0, ResultStatus.ERROR, message,
				ErrorKind.ACCESS_DENIED.name(), List.of(), List.of(), at, Duration.ZERO, TaggingStatus.FAILED,
				RemediationState.NONE, null, false, target.source());
	}

	/** The engines' parts of a chain's report, as a record keeps them. */
	static List<ScanRecord.EngineRecord> engines(ScanReport report) {
		return report.engines().stream().map(ScanRecords::engine).toList();
	}

	private static ScanRecord.EngineRecord engine(EngineResult result) {
		Verdict verdict = result.verdict();
		return new ScanRecord.EngineRecord(result.engineId(), verdict.result().label(),
				(verdict instanceof Verdict.Infected infected) ? infected.signatures() : List.of(), reason(verdict),
				(result.info() != null) ? result.info().product() : null,
				(result.info() != null) ? result.info().signatureVersion() : null, result.duration().toMillis(),
				(result.info() != null) ? result.info().signatureDate() : null, result.required());
	}

	private static String reason(Verdict verdict) {
		return switch (verdict) {
			case Verdict.Clean clean -> null;
			case Verdict.Infected infected -> String.join(", ", infected.signatures());
			case Verdict.Unscannable unscannable -> unscannable.reason() + ": " + unscannable.detail();
			case Verdict.Error error -> error.kind() + ": " + error.message();
		};
	}

}
