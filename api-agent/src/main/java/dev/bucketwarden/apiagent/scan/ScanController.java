package dev.bucketwarden.apiagent.scan;

import java.io.IOException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.bucketwarden.agent.pipeline.Attempt;
import dev.bucketwarden.agent.pipeline.PipelineResult;
import dev.bucketwarden.agent.pipeline.RetryableScanException;
import dev.bucketwarden.agent.pipeline.ScanPipeline;
import dev.bucketwarden.agent.request.ScanTarget;

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
			+ "is unavailable.")
	ResponseEntity<ScanResponse> scan(HttpServletRequest request) throws IOException {
		ScanResponse response = this.scanner.scan(RequestBody.of(request, this.properties.maxSize().toBytes()));
		return ResponseEntity.status(Responses.statusOfScan(response)).body(response);
	}

	@PostMapping("/api/v1/upload")
	@Operation(summary = "Scan a file and store it in S3 only if it is clean",
			description = "201 with the verdict and where it was stored; 422 infected or unscannable, 413 too large, "
					+ "503 engine unavailable: nothing is stored then.")
	ResponseEntity<ScanResponse> upload(HttpServletRequest request, @RequestParam String bucket,
			@RequestParam String key) throws IOException {
		ScanResponse response = this.scanner.scanAndStore(RequestBody.of(request, this.properties.maxSize().toBytes()),
				bucket, key);
		return ResponseEntity.status(HttpStatus.CREATED).body(response);
	}

	@PostMapping("/api/v1/scan/s3")
	@Operation(summary = "Scan an existing S3 object now",
			description = "Through the same pipeline as the event agent: tags, remediation, record, finding.")
	ResponseEntity<ScanResponse> scanObject(
			@Valid @org.springframework.web.bind.annotation.RequestBody S3ObjectRequest object) {
		PipelineResult result;
		try {
			result = this.pipeline.process(
					new ScanTarget(object.bucket(), object.key(), object.versionId(), null, ScanTarget.Source.API),
					Attempt.only());
		}
		catch (RetryableScanException ex) {
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "The scan failed: " + ex.getMessage(), null);
		}
		if (result.outcome() == PipelineResult.Outcome.NOT_PROTECTED) {
			throw new ApiException(HttpStatus.FORBIDDEN, "Not scanned: bucket " + object.bucket() + " is not protected",
					null);
		}
		if (result.record() == null) {
			throw new ApiException(HttpStatus.CONFLICT, "Not scanned: " + result.outcome(), null);
		}
		if (result.outcome() == PipelineResult.Outcome.NOT_FOUND) {
			throw new ApiException(HttpStatus.NOT_FOUND, "No such object", null);
		}
		return ResponseEntity.ok(Responses.of(result.record()));
	}

	/**
	 * @param bucket the bucket
	 * @param key the key
	 * @param versionId a version, or none for the current one
	 */
	record S3ObjectRequest(@NotBlank String bucket, @NotBlank String key, String versionId) {
	}

}
