package dev.bucketwarden.engine.premium;

import java.util.Locale;

/** What a policy hit turns into. */
enum Action {

	/** The content is reported infected, named after the rule. */
	INFECTED,
	/** The content is reported unscannable, with the rule's reason. */
	UNSCANNABLE,
	/** The rule is not applied. */
	OFF;

	static Action parse(String value) {
		return valueOf(value.strip().toUpperCase(Locale.ROOT));
	}

}
