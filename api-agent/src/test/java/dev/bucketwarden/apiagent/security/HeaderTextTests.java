package dev.bucketwarden.apiagent.security;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loops answer exactly what the firewall's regular expressions answer, for every code
 * point and for the strings where code points and chars differ.
 */
class HeaderTextTests {

	private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	@Test
	void shouldAgreeWithTheFirewallsPatternsOnEveryCodePoint() {
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String text = "a" + Character.toString(codePoint) + "b";
			assertThat(HeaderText.isAllowedName(text)).as("name with U+%04X", codePoint)
				.isEqualTo(NAMES.matcher(text).matches());
			assertThat(HeaderText.isAllowedValue(text)).as("value with U+%04X", codePoint)
				.isEqualTo(VALUES.matcher(text).matches());
		}
	}

	@Test
	void shouldAgreeOnSurrogatesAndTypicalHeaders() {
		List<String> texts = List.of("", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhcHAifQ.c2ln", "a\tb",
				"a\r\nX-Evil: 1", "\u0000", "\u007f", "\u0085", "\ud83d\ude00", "x\ud83d", "\ude00x", "\ud83d\ud83d",
				"caf\u00e9", "\u2028", "\ufffe", "\udbff\udfff");
		for (String text : texts) {
			assertThat(HeaderText.isAllowedName(text)).as("name %s", text).isEqualTo(NAMES.matcher(text).matches());
			assertThat(HeaderText.isAllowedValue(text)).as("value %s", text).isEqualTo(VALUES.matcher(text).matches());
		}
		assertThat(HeaderText.isAllowedValue("a\r\nX-Evil: 1")).isFalse();
		assertThat(HeaderText.isAllowedValue("a\tb")).isTrue();
		assertThat(HeaderText.isAllowedName("a\tb")).isFalse();
	}

}
