package dev.bucketwarden.local;

import java.util.HashMap;
import java.util.Map;

/**
 * Parses {@code --name value} options over defaults; unknown options fail with the list.
 */
final class Arguments {

	private Arguments() {
	}

	static Map<String, String> parse(String[] args, Map<String, String> defaults) {
		Map<String, String> values = new HashMap<>(defaults);
		for (int i = 0; i < args.length; i++) {
			if (!defaults.containsKey(args[i]) || i + 1 >= args.length) {
				throw new IllegalArgumentException(
						"Unknown or incomplete option " + args[i] + "; options: " + defaults.keySet());
			}
			values.put(args[i], args[++i]);
		}
		return values;
	}

}
