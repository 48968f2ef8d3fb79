package dev.bucketwarden.console.buckets;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.store.settings.LargeObjects;
import dev.bucketwarden.store.settings.StoredBucket;

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
		BucketForm form = new BucketForm(true, null, null, null, null, null, null, null, "premium, clamav\nicap", null);

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

	@Test
	void shouldStoreLargeObjectsAndDefaultToWindows() {
		BucketRequest unscannable = new BucketRequest(true, null, null, null, null, null, null, null, null,
				LargeObjects.UNSCANNABLE);
		StoredBucket stored = unscannable.toStored("uploads", Instant.parse("2026-01-01T00:00:00Z"), "admin");

		assertThat(stored.settings().largeObjects()).isEqualTo(LargeObjects.UNSCANNABLE);
		assertThat(BucketRequest.of(stored).largeObjects()).isEqualTo(LargeObjects.UNSCANNABLE);
		assertThat(new BucketRequest(true, null, null, null, null, null, null, null, null, null)
			.toStored("uploads", Instant.parse("2026-01-01T00:00:00Z"), "admin")
			.settings()
			.largeObjects()).isEqualTo(LargeObjects.WINDOWS);
		assertThat(new BucketForm(true, null, null, null, null, null, null, null, null, LargeObjects.UNSCANNABLE)
			.toRequest()
			.largeObjects()).isEqualTo(LargeObjects.UNSCANNABLE);
	}

	private static List<String> stored(List<String> engines) {
		return new BucketRequest(true, null, null, null, null, null, null, null, engines, null)
			.toStored("uploads", Instant.parse("2026-01-01T00:00:00Z"), "admin")
			.rules()
			.engines();
	}

}
