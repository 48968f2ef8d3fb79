package dev.bucketwarden.apiagent.scan;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The verdict as the API answers it: our fields, plus those users of the incumbent API
 * look for ({@code dateScanned}, {@code detectedInfections}, {@code result},
 * {@code errorMessage}).
 *
 * @param result Clean, Infected, Unscannable or Error
 * @param reason why it is not clean (unscannable reason, error kind)
 * @param signatures signature names by engine id
 * @param engines the engines that scanned, with versions
 * @param size bytes scanned
 * @param sha256 SHA-256 of the content, hex, when the request asked for it
 * ({@code sha256=true}) or the agent answers it by default
 * @param dateScanned when the verdict was reached (ISO-8601 UTC)
 * @param durationMillis how long the scan took
 * @param detectedInfections every signature found
 * @param errorMessage for errors, what went wrong
 * @param stored where the content was stored ({@code /upload} of clean content)
 * @param optionalFailures optional engines that failed ({@code id: reason}): the verdict
 * rests on the other engines
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanResponse(String result, String reason, Map<String, List<String>> signatures, List<Engine> engines,
		long size, String sha256, String dateScanned, long durationMillis, List<String> detectedInfections,
		String errorMessage, Stored stored, List<String> optionalFailures) {

	ScanResponse withStored(Stored stored) {
		return new ScanResponse(this.result, this.reason, this.signatures, this.engines, this.size, this.sha256,
				this.dateScanned, this.durationMillis, this.detectedInfections, this.errorMessage, stored,
				this.optionalFailures);
	}

	/**
	 * @param id the engine id
	 * @param result its own result
	 * @param product product and version
	 * @param signatureVersion its signature version
	 * @param durationMillis how long it took
	 * @param required whether the verdict depended on it
	 */
	public record Engine(String id, String result, String product, String signatureVersion, long durationMillis,
			boolean required) {
	}

	/**
	 * @param bucket the bucket
	 * @param key the key
	 * @param versionId the stored version, if the bucket is versioned
	 * @param eTag its ETag
	 */
	public record Stored(String bucket, String key, String versionId, String eTag) {
	}

}
