package dev.bucketwarden.jobs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyOrderTests {

	@Test
	void shouldSortLikeUtf8Bytes() {
		List<String> keys = new ArrayList<>(List.of("a", "a/", "a/b", "\uFF21", "\uD83D\uDE00", "ab", "", "Z", "é"));
		List<String> byBytes = new ArrayList<>(keys);
		byBytes.sort((x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8),
				y.getBytes(StandardCharsets.UTF_8)));

		keys.sort(KeyOrder.COMPARATOR);

		assertThat(keys).isEqualTo(byBytes);
		assertThat("\uFF21".compareTo("\uD83D\uDE00")).as("String order differs").isPositive();
	}

}
