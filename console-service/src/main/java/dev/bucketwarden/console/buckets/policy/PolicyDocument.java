package dev.bucketwarden.console.buckets.policy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bucket's policy as JSON, and the same with our statements merged in: statements whose
 * Sid is one of ours are dropped, ours are appended, and everything else (Version, Id,
 * every other statement) stays as it was, in its order. The text is read strictly (a
 * duplicate key or trailing text makes it unparseable, and numbers keep their digits) so
 * that writing it back can never change what another statement says.
 */
final class PolicyDocument {

	/** S3's limit on a bucket policy. */
	static final int MAX_BYTES = 20 * 1024;

	static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
		.build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final ObjectNode root;

	private PolicyDocument(ObjectNode root) {
		this.root = root;
	}

	/** A bucket without a policy. */
	static PolicyDocument none() {
		return new PolicyDocument(null);
	}

	/**
	 * @throws PolicyRefusedException when the text is not a JSON object with a list of
	 * statements (or one statement)
	 */
	static PolicyDocument parse(String bucket, String text) {
		JsonNode root;
		try {
			root = JSON.readTree(text);
		}
		catch (JacksonException ex) {
			throw unparseable(bucket, ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw unparseable(bucket, "it is not a JSON object");
		}
		JsonNode statements = root.get("Statement");
		if (statements != null && !statements.isArray() && !statements.isObject()) {
			throw unparseable(bucket, "its Statement is neither a list nor a statement");
		}
		return new PolicyDocument((ObjectNode) root);
	}

	private static PolicyRefusedException unparseable(String bucket, String why) {
		return new PolicyRefusedException(
				"The bucket policy of " + bucket + " is not a policy BucketWarden can merge into (" + why
						+ "); nothing was changed. Fix the policy, or add the statements shown here by hand.");
	}

	boolean exists() {
		return this.root != null;
	}

	/** Its statements, in order (a single statement object counts as a list of one). */
	List<JsonNode> statements() {
		JsonNode statements = (this.root != null) ? this.root.get("Statement") : null;
		if (statements == null) {
			return List.of();
		}
		if (statements.isObject()) {
			return List.of(statements);
		}
		List<JsonNode> list = new ArrayList<>();
		statements.values().forEach(list::add);
		return list;
	}

	Optional<JsonNode> statement(String sid) {
		return statements().stream().filter((statement) -> sid.equals(sid(statement))).findFirst();
	}

	/** This policy without any statement of ours, and with {@code ours} appended. */
	PolicyDocument merge(List<ObjectNode> ours) {
		ObjectNode merged;
		if (this.root != null) {
			merged = this.root.deepCopy();
		}
		else {
			merged = NODES.objectNode();
			merged.put("Version", "2012-10-17");
		}
		ArrayNode statements = NODES.arrayNode();
		for (JsonNode statement : statements()) {
			if (!PolicyStatements.OURS.contains(sid(statement))) {
				statements.add(statement.deepCopy());
			}
		}
		ours.forEach(statements::add);
		merged.set("Statement", statements);
		return new PolicyDocument(merged);
	}

	/** The policy as S3 takes it: compact JSON. */
	String json() {
		return JSON.writeValueAsString(this.root);
	}

	int bytes() {
		return json().getBytes(StandardCharsets.UTF_8).length;
	}

	/** Whether both say the same, as IAM reads them. */
	boolean sameAs(PolicyDocument other) {
		return (this.root == null) ? other.root == null
				: other.root != null && canonical(this.root).equals(canonical(other.root));
	}

	/**
	 * Whether two statements say the same, as IAM reads them: the order of keys and of
	 * list values does not matter, a single value is the same as a list of one, and
	 * {@code "Principal":"*"} is the same as CDK's {@code "Principal":{"AWS":"*"}}.
	 */
	static boolean same(JsonNode statement, JsonNode other) {
		return canonical(statement).equals(canonical(other));
	}

	private static JsonNode canonical(JsonNode node) {
		if (node.isObject()) {
			Map<String, JsonNode> sorted = new TreeMap<>();
			node.properties()
				.forEach((entry) -> sorted.put(entry.getKey(), canonical(principal(entry.getKey(), entry.getValue()))));
			ObjectNode canonical = NODES.objectNode();
			sorted.forEach(canonical::set);
			return canonical;
		}
		List<String> values = new ArrayList<>();
		if (node.isArray()) {
			node.values()
				.forEach(
						(value) -> values.add(JSON.writeValueAsString(value.isValueNode() ? value : canonical(value))));
		}
		else {
			values.add(JSON.writeValueAsString(node));
		}
		values.sort(null);
		ArrayNode canonical = NODES.arrayNode();
		values.forEach(canonical::add);
		return canonical;
	}

	/** IAM reads {@code "Principal":"*"} as everyone, as it does {@code {"AWS":"*"}}. */
	private static JsonNode principal(String key, JsonNode value) {
		if ("Principal".equals(key) && value.isString() && "*".equals(value.asString())) {
			ObjectNode everyone = NODES.objectNode();
			everyone.put("AWS", "*");
			return everyone;
		}
		return value;
	}

	private static String sid(JsonNode statement) {
		JsonNode sid = statement.get("Sid");
		return (sid != null && sid.isString()) ? sid.asString() : null;
	}

}
