package dev.bucketwarden.retro.crawl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of a retro queue message: object versions of one job to scan. Many objects go
 * in one message because sending, not listing, limits a crawler (a SendMessageBatch of
 * ten one-object messages carries ten objects; of ten messages of a hundred, a thousand),
 * and SQS charges per request.
 *
 * @param jobId the job
 * @param objects the object versions, in listing order
 */
public record RetroMessage(String jobId, List<Target> objects) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public RetroMessage {
		Objects.requireNonNull(jobId, "jobId");
		objects = List.copyOf(objects);
		if (objects.isEmpty()) {
			throw new IllegalArgumentException("A retro message names at least one object");
		}
	}

	public String toJson() {
		List<Map<String, String>> list = new ArrayList<>();
		for (Target target : this.objects) {
			Map<String, String> object = new LinkedHashMap<>();
			object.put("bucket", target.bucket());
			object.put("key", target.key());
			object.put("versionId", target.versionId());
			object.put("eTag", target.eTag());
			list.add(object);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("jobId", this.jobId);
		body.put("objects", list);
		return JSON.writeValueAsString(body);
	}

	/**
	 * @throws IllegalArgumentException when the body is not a retro message (poison)
	 */
	public static RetroMessage fromJson(String body) {
		try {
			JsonNode node = JSON.readTree(body);
			List<Target> objects = new ArrayList<>();
			for (JsonNode object : node.get("objects")) {
				objects.add(new Target(text(object, "bucket"), text(object, "key"), text(object, "versionId"),
						text(object, "eTag")));
			}
			return new RetroMessage(text(node, "jobId"), objects);
		}
		catch (JacksonException | NullPointerException ex) {
			throw new IllegalArgumentException("Not a retro message: " + ex.getMessage(), ex);
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	/**
	 * One object version to scan.
	 *
	 * @param bucket the bucket
	 * @param key the key
	 * @param versionId the listed version, or {@code null} (unversioned, or the current
	 * version: the pipeline pins what HEAD finds)
	 * @param eTag the listed ETag
	 */
	public record Target(String bucket, String key, String versionId, String eTag) {

		public Target {
			Objects.requireNonNull(bucket, "bucket");
			Objects.requireNonNull(key, "key");
		}

		/**
		 * The id the job records the object under: bucket, key and version (or ETag
		 * without a version).
		 */
		public String objectId() {
			return this.bucket + "/" + this.key + "#"
					+ ((this.versionId != null) ? this.versionId : "etag:" + this.eTag);
		}

		/** A rough size in a message body, to keep bodies well below SQS's limit. */
		int weight() {
			return 80 + this.bucket.length() + this.key.length() * 2
					+ ((this.versionId != null) ? this.versionId.length() : 0);
		}

	}

}
