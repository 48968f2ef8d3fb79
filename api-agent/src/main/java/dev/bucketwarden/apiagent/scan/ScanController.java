package dev.bucketwarden.apiagent.scan;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.bucketwarden.agent.pipeline.Attempt;
import dev.bucketwarden.agent.pipeline.PipelineResult;
import dev.bucketwarden.agent.pipeline.ScanPipeline;
import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.store.results.ScanSource;

/**
 * Scan-before-store: verdicts while the caller waits. Requires a token with the
 * {@code scan} scope.
 */
@RestController
@Tag(name = "scan")
class ScanController {

	private final ContentScanner scanner;

	private final ScanPipeline pipeline;

	private final ApiProperties properties;

	ScanController(ContentScanner scanner, ScanPipeline pipeline, ApiProperties properties) {
		this.scanner = scanner;
		this.pipeline = pipeline;
		this.properties = properties;
	}

	@PostMapping("/api/v1/scan")
	@Operation(summary = "Scan a file", description = "Body: multipart/form-data with a 'file' field, or the raw "
			+ "bytes (application/octet-stream). 200 with the verdict; 413 over the size limit; 503 when an engine "
			+ "is unavailable. The verdict carries the content's sha256 when asked with sha256=true (or when the "
			+ "agent's bucketwarden.api.sha256-by-default is on and the request does not say sha256=false).")
	ResponseEntity<ScanResponse> scan(HttpServletRequest request,
			@RequestParam(name = "sha256", required = false) Boolean sha256) throws IOException {
		ScanResponse response = this.scanner.scan(UploadBody.of(request, this.properties.maxSize().toBytes()),
				sha256(sha256));
		HttpStatus status = VerdictResponder.statusOfScan(response);
		if (status == HttpStatus.SERVICE_UNAVAILABLE) {
			// The engine failed or did not answer in time: the verdict is the body, the
			// header says it may be retried (docs/api.md, "Retries").
			return ResponseEntity.status(status)
				.header(HttpHeaders.RETRY_AFTER, this.properties.retryAfterSeconds())
				.body(response);
		}
		return ResponseEntity.status(status).body(response);
	}

	@PostMapping("/api/v1/upload")
	@Operation(summary = "Scan a file and store it in S3 only if it is clean",
			description = "201 with the verdict and where it was stored; 400 for a key that is refused (dot or "
					+ "empty segments, a leading '/', control characters, over 1024 bytes of UTF-8); 409 when the key "
					+ "exists and overwrite is not true; 422 infected or unscannable, 413 too large, 503 engine or S3 "
					+ "unavailable (with Retry-After): nothing is stored then. The stored Content-Type is the detected one when the "
					+ "claim disagrees (the claim is kept in the metadata bucketwarden-claimed-content-type). "
					+ "sha256 as for /api/v1/scan.")
	ResponseEntity<ScanResponse> upload(HttpServletRequest request, @RequestParam String bucket,
			@RequestParam String key, @RequestParam(defaultValue = "false") boolean overwrite,
			@RequestParam(name = "sha256", required = false) Boolean sha256) throws IOException {
		ScanResponse response = this.scanner.scanAndStore(UploadBody.of(request, this.properties.maxSize().toBytes()),
				bucket, key, overwrite, sha256(sha256));
		return ResponseEntity.status(HttpStatus.CREATED).body(response);
	}

	@PostMapping("/api/v1/scan/s3")
	@Operation(summary = "Scan an existing S3 object now",
			description = "Through the same pipeline as the event agent: tags, remediation, record, finding. 200 "
					+ "with the verdict; 403 for a bucket that is not protected; 404 no such object; 424 with the "
					+ "verdict and a notDone list when tagging or remediation was denied or failed; 503 try again.")
	ResponseEntity<ScanResponse> scanObject(@Valid @RequestBody S3ObjectRequest object) {
		PipelineResult result = this.pipeline.process(
				new ScanTarget(object.bucket(), object.key(), object.versionId(), null, ScanSource.API, Instant.now()),
				Attempt.only());
		if (result.outcome() == PipelineResult.Outcome.NOT_PROTECTED) {
			throw new ApiException(HttpStatus.FORBIDDEN, "Not scanned: the bucket is not protected", null);
		}
		if (result.record() == null) {
			throw new ApiException(HttpStatus.CONFLICT, "Not scanned: " + result.outcome(), null);
		}
		if (result.outcome() == PipelineResult.Outcome.NOT_FOUND) {
			throw new ApiException(HttpStatus.NOT_FOUND, "No such object", null);
		}
		ScanResponse verdict = VerdictResponder.of(result.record());
		List<String> notDone = NotDone.of(result.record());
		if (!notDone.isEmpty()) {
			throw new ApiException(HttpStatus.FAILED_DEPENDENCY,
					"Scanned (" + verdict.result() + "), but not everything was done", verdict, notDone);
		}
		return ResponseEntity.ok(verdict);
	}

	/** What the request asked for, else the agent's default. */
	private boolean sha256(Boolean asked) {
		return (asked != null) ? asked : this.properties.sha256ByDefault();
	}

	/**
	 * @param bucket the bucket
	 * @param key the key
	 * @param versionId a version, or none for the current one
	 */
	record S3ObjectRequest(@NotBlank String bucket, @NotBlank String key, String versionId) {
	}

}
