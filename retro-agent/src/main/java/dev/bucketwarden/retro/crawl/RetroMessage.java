package dev.bucketwarden.retro.crawl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One object version to scan for a job: the body of a retro queue message.
 *
 * @param jobId the job
 * @param bucket the bucket
 * @param key the key
 * @param versionId the listed version, or {@code null} (unversioned, or the current
 * version of a versioned bucket: the pipeline pins what HEAD finds)
 * @param eTag the listed ETag
 */
public record RetroMessage(String jobId, String bucket, String key, String versionId, String eTag) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public RetroMessage {
		Objects.requireNonNull(jobId, "jobId");
		Objects.requireNonNull(bucket, "bucket");
		Objects.requireNonNull(key, "key");
	}

	/**
	 * The id the job records the object under: bucket, key and version (or ETag when
	 * there is no version).
	 */
	public String objectId() {
		return this.bucket + "/" + this.key + "#" + ((this.versionId != null) ? this.versionId : "etag:" + this.eTag);
	}

	public String toJson() {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("jobId", this.jobId);
		body.put("bucket", this.bucket);
		body.put("key", this.key);
		body.put("versionId", this.versionId);
		body.put("eTag", this.eTag);
		return JSON.writeValueAsString(body);
	}

	/**
	 * @throws IllegalArgumentException when the body is not a retro message (poison)
	 */
	public static RetroMessage fromJson(String body) {
		try {
			JsonNode node = JSON.readTree(body);
			return new RetroMessage(text(node, "jobId"), text(node, "bucket"), text(node, "key"),
					text(node, "versionId"), text(node, "eTag"));
		}
		catch (JacksonException | NullPointerException ex) {
			throw new IllegalArgumentException("Not a retro message: " + ex.getMessage(), ex);
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

}
