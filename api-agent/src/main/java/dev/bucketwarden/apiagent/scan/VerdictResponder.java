package dev.bucketwarden.apiagent.scan;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;

import dev.bucketwarden.agent.pipeline.ContentScan;
import dev.bucketwarden.engine.chain.EngineResult;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * Answers for the API's callers: scans and records as verdicts, verdicts as HTTP
 * statuses, and why an upload was refused.
 */
final class VerdictResponder {

	private VerdictResponder() {
	}

	/** The answer for a scan of content. */
	static ScanResponse of(ContentScan.Scanned scanned) {
		return of(scanned.report(), scanned.sha256(), scanned.scannedAt());
	}

	private static ScanResponse of(ScanReport report, String sha256, Instant at) {
		Verdict verdict = report.verdict();
		List<String> signatures = (verdict instanceof Verdict.Infected infected) ? infected.signatures() : List.of();
		String reason = switch (verdict) {
			case Verdict.Clean clean -> null;
			case Verdict.Infected infected -> null;
			case Verdict.Unscannable unscannable -> unscannable.reason() + ": " + unscannable.detail();
			case Verdict.Error error -> error.kind().name();
		};
		return new ScanResponse(verdict.result().label(), reason, report.signaturesByEngine(),
				report.engines().stream().filter((e) -> e.info() != null).map(VerdictResponder::engine).toList(),
				report.bytesScanned(), sha256, at.truncatedTo(ChronoUnit.MILLIS).toString(),
				report.duration().toMillis(), signatures,
				(verdict instanceof Verdict.Error error) ? error.message() : null, null,
				report.optionalFailures()
					.stream()
					.map((failure) -> failure.engineId() + ": " + ((Verdict.Error) failure.verdict()).kind() + ": "
							+ ((Verdict.Error) failure.verdict()).message())
					.toList());
	}

	/**
	 * The answer for a record. An Error record's reason is what S3 or the engine said
	 * (for access denied: the role's ARN, the account): the answer names only the kind,
	 * the log and the record keep the detail.
	 */
	static ScanResponse of(ScanRecord record) {
		boolean error = record.errorKind() != null;
		return new ScanResponse(record.status().label(), error ? record.errorKind() : record.reason(),
				record.engines()
					.stream()
					.filter((e) -> !e.signatures().isEmpty())
					.collect(Collectors.toMap(ScanRecord.EngineRecord::engineId, ScanRecord.EngineRecord::signatures)),
				record.engines()
					.stream()
					.map((e) -> new ScanResponse.Engine(e.engineId(), e.result(), e.product(), e.signatureVersion(),
							e.durationMillis(), e.required()))
					.toList(),
				record.size(), null, record.scannedAt().toString(), record.scanDuration().toMillis(),
				record.signatures(), error ? "The scan failed: " + record.errorKind() : null,
				new ScanResponse.Stored(record.bucket(), record.key(), record.versionId(), record.eTag()),
				record.optionalFailures().stream().map((e) -> e.engineId() + ": " + e.detail()).toList());
	}

	/**
	 * The status of a scan's answer: the verdict itself is a 200, except what must be
	 * refused.
	 */
	static HttpStatus statusOfScan(ScanResponse response) {
		return switch (response.result()) {
			// A configuration error (the bucket names an engine this agent does not run)
			// is no outage: retrying cannot help, so it is no 503.
			case "Error" -> switch (String.valueOf(response.reason())) {
				case "CONTENT_READ" -> HttpStatus.BAD_REQUEST;
				case "CONFIGURATION" -> HttpStatus.INTERNAL_SERVER_ERROR;
				default -> HttpStatus.SERVICE_UNAVAILABLE;
			};
			case "Unscannable" -> tooLarge(response) ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.OK;
			default -> HttpStatus.OK;
		};
	}

	/** Why a scan-before-store upload was not stored. */
	static ApiException refusal(ScanResponse verdict) {
		return switch (verdict.result()) {
			case "Infected" -> new ApiException(HttpStatus.UNPROCESSABLE_CONTENT,
					"Infected: " + String.join(", ", verdict.detectedInfections()) + "; nothing was stored", verdict);
			case "Unscannable" -> tooLarge(verdict)
					? new ApiException(HttpStatus.CONTENT_TOO_LARGE, "Too large; nothing was stored", verdict)
					: new ApiException(HttpStatus.UNPROCESSABLE_CONTENT,
							"Unscannable (" + verdict.reason() + "); nothing was stored", verdict);
			default -> new ApiException(statusOfScan(verdict),
					"The scan failed (" + verdict.reason() + "): " + verdict.errorMessage() + "; nothing was stored",
					verdict);
		};
	}

	private static boolean tooLarge(ScanResponse response) {
		return response.reason() != null && response.reason().startsWith(UnscannableReason.TOO_LARGE.name());
	}

	private static ScanResponse.Engine engine(EngineResult result) {
		return new ScanResponse.Engine(result.engineId(), result.verdict().result().label(), result.info().product(),
				result.info().signatureVersion(), result.duration().toMillis(), result.required());
	}

}
