package dev.bucketwarden.infra.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Reading synthesized CloudFormation as plain maps and lists. */
final class Cfn {

	private Cfn() {
	}

	/** The resources of a type, by logical id. */
	@SuppressWarnings("unchecked")
	static Map<String, Map<String, Object>> resources(Map<String, Object> template, String type) {
		Map<String, Map<String, Object>> found = new LinkedHashMap<>();
		((Map<String, Object>) template.get("Resources")).forEach((id, resource) -> {
			Map<String, Object> r = (Map<String, Object>) resource;
			if (type.equals(r.get("Type"))) {
				found.put(id, (Map<String, Object>) r.get("Properties"));
			}
		});
		return found;
	}

	@SuppressWarnings("unchecked")
	static <T> T path(Object node, String... keys) {
		Object current = node;
		for (String key : keys) {
			current = (current instanceof Map<?, ?> map) ? map.get(key) : null;
		}
		return (T) current;
	}

	/** A value or a list of values as a list. */
	static List<Object> list(Object value) {
		if (value == null) {
			return List.of();
		}
		return (value instanceof List<?> values) ? new ArrayList<>(values) : List.of(value);
	}

	/**
	 * A policy statement (or any JSON value) with every intrinsic function as
	 * {@link #text} passed through {@code rename}, so whole statements compare as plain
	 * maps.
	 */
	@SuppressWarnings("unchecked")
	static <T> T texts(Object value, UnaryOperator<String> rename) {
		if (value instanceof Map<?, ?> map && !isIntrinsic(map)) {
			Map<String, Object> copy = new LinkedHashMap<>();
			map.forEach((key, item) -> copy.put((String) key, texts(item, rename)));
			return (T) copy;
		}
		if (value instanceof List<?> items) {
			return (T) items.stream().map((item) -> texts(item, rename)).toList();
		}
		return (T) ((value instanceof Map<?, ?> || value instanceof String) ? rename.apply(text(value)) : value);
	}

	private static boolean isIntrinsic(Map<?, ?> map) {
		return map.containsKey("Ref") || map.containsKey("Fn::GetAtt") || map.containsKey("Fn::Join");
	}

	/**
	 * A value as text: Fn::Join joined, a Ref as ${Name}, Fn::GetAtt as ${Name.Attr}.
	 * Enough to compare ARNs built from the partition, account or resources.
	 */
	@SuppressWarnings("unchecked")
	static String text(Object value) {
		if (value instanceof String s) {
			return s;
		}
		if (value instanceof Map<?, ?> map) {
			if (map.containsKey("Ref")) {
				return "${" + map.get("Ref") + "}";
			}
			if (map.containsKey("Fn::GetAtt")) {
				return "${" + String.join(".", (List<String>) map.get("Fn::GetAtt")) + "}";
			}
			if (map.containsKey("Fn::Join")) {
				List<Object> join = (List<Object>) map.get("Fn::Join");
				StringBuilder joined = new StringBuilder();
				List<Object> parts = (List<Object>) join.get(1);
				for (int i = 0; i < parts.size(); i++) {
					joined.append((i > 0) ? join.get(0) : "").append(text(parts.get(i)));
				}
				return joined.toString();
			}
		}
		return String.valueOf(value);
	}

}
