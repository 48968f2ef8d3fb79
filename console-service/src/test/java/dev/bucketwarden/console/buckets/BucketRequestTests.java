package dev.bucketwarden.console.buckets;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The engine list a bucket's settings name: ids in order, checked for form only (agents
 * may run engines of their own), never blank, never twice.
 */
class BucketRequestTests {

	@Test
	void shouldKeepTheEnginesInOrderIncludingOnesOfItsOwn() {
		assertThat(stored(List.of("premium", " clamav ", "my-engine-2"))).containsExactly("premium", "clamav",
				"my-engine-2");
		assertThat(stored(null)).isEmpty();
		assertThat(stored(List.of())).isEmpty();
	}

	@Test
	void shouldTakeTheFormsCommaOrLineSeparatedList() {
		BucketForm form = new BucketForm(true, null, null, null, null, null, null, null, "premium, clamav\nicap");

		assertThat(stored(form.toRequest().engines())).containsExactly("premium", "clamav", "icap");
	}

	@Test
	void shouldRefuseIdsThatAreNotEngineIds() {
		assertThatIllegalArgumentException().isThrownBy(() -> stored(List.of("ClamAV")))
			.withMessageContaining("lower-case letters, digits and '-'")
			.withMessageContaining("'ClamAV'");
		assertThatIllegalArgumentException().isThrownBy(() -> stored(List.of("clamav", " ")))
			.withMessageContaining("''");
		assertThatIllegalArgumentException().isThrownBy(() -> stored(Arrays.asList("clamav", null)));
		assertThatIllegalArgumentException().isThrownBy(() -> stored(List.of("clam av")));
	}

	@Test
	void shouldRefuseAnEngineListedTwice() {
		assertThatIllegalArgumentException().isThrownBy(() -> stored(List.of("clamav", "premium", "clamav")))
			.withMessage("Engine 'clamav' is listed twice");
	}

	private static List<String> stored(List<String> engines) {
		return new BucketRequest(true, null, null, null, null, null, null, null, engines)
			.toStored("uploads", Instant.parse("2026-01-01T00:00:00Z"), "admin")
			.rules()
			.engines();
	}

}
