package dev.bucketwarden.jobs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import dev.bucketwarden.store.StoreException;

/**
 * DynamoDB expression helpers of the jobs table: attribute values, the {@code #name}
 * placeholders an expression uses, {@code SET}/{@code REMOVE} of optional attributes, and
 * one translation of the SDK's failures into {@link StoreException}.
 */
final class Expressions {

	/** An attribute name placeholder in an expression. */
	private static final Pattern NAME = Pattern.compile("#(\\w+)");

	private Expressions() {
	}

	static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

	static AttributeValue n(long value) {
		return AttributeValue.fromN(Long.toString(value));
	}

	/** The attribute names an expression uses as {@code #name}. */
	static Map<String, String> names(String expression) {
		Map<String, String> names = new HashMap<>();
		Matcher matcher = NAME.matcher(expression);
		while (matcher.find()) {
			names.put("#" + matcher.group(1), matcher.group(1));
		}
		return names;
	}

	/**
	 * Adds {@code name} to the {@code SET} clause with its value, or to the
	 * {@code REMOVE} clause when it has none (so an old value does not linger).
	 */
	static void setOrRemove(StringBuilder set, StringBuilder remove, Map<String, String> names,
			Map<String, AttributeValue> values, String name, String value) {
		names.put("#" + name, name);
		if (value != null) {
			set.append(", #").append(name).append(" = :").append(name);
			values.put(":" + name, s(value));
		}
		else {
			remove.append(remove.isEmpty() ? "#" : ", #").append(name);
		}
	}

	/** Whether a transaction failed on the condition of its first item. */
	static boolean conditionFailedFirst(TransactionCanceledException ex) {
		List<CancellationReason> reasons = ex.cancellationReasons();
		return !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.getFirst().code());
	}

	static <T> T call(String what, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (SdkException ex) {
			throw new StoreException(what + " failed: " + ex.getMessage(), ex);
		}
	}

	static void call(String what, Runnable call) {
		call(what, () -> {
			call.run();
			return null;
		});
	}

}
