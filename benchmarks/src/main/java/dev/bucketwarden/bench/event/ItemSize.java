package dev.bucketwarden.bench.event;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB counts it for request units: each attribute's name in UTF-8
 * bytes plus its value (strings in UTF-8 bytes, numbers about one byte per two digits
 * plus one, binaries their length, booleans and nulls one byte, lists and maps three
 * bytes plus one per element plus their contents).
 */
final class ItemSize {

	private ItemSize() {
	}

	static long of(Map<String, AttributeValue> item) {
		long bytes = 0;
		for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
			bytes += utf8(attribute.getKey()) + value(attribute.getValue());
		}
		return bytes;
	}

	private static long value(AttributeValue value) {
		if (value.s() != null) {
			return utf8(value.s());
		}
		if (value.n() != null) {
			return (value.n().replaceAll("[^0-9]", "").length() + 1) / 2 + 1;
		}
		if (value.b() != null) {
			return value.b().asByteArray().length;
		}
		if (value.bool() != null || value.nul() != null) {
			return 1;
		}
		if (value.hasM()) {
			long bytes = 3;
			for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
				bytes += 1 + utf8(entry.getKey()) + value(entry.getValue());
			}
			return bytes;
		}
		if (value.hasL()) {
			long bytes = 3;
			for (AttributeValue element : value.l()) {
				bytes += 1 + value(element);
			}
			return bytes;
		}
		if (value.hasSs()) {
			return value.ss().stream().mapToLong(ItemSize::utf8).sum();
		}
		if (value.hasNs()) {
			return value.ns().stream().mapToLong((n) -> (n.length() + 1) / 2 + 1).sum();
		}
		return 0;
	}

	private static long utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

}
