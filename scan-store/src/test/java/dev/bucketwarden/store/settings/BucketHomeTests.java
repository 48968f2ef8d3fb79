package dev.bucketwarden.store.settings;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BucketHomeTests {

	@Test
	void shouldReadBlankAsTheConsolesRegionAndOwnAccount() {
		assertThat(new BucketHome(" ", "")).isEqualTo(BucketHome.HOME);
		assertThat(BucketHome.HOME.linked()).isFalse();
		assertThat(BucketHome.HOME.regionOr("eu-central-1")).isEqualTo("eu-central-1");
		assertThat(new BucketHome("us-west-2", null).regionOr("eu-central-1")).isEqualTo("us-west-2");
	}

	@Test
	void shouldRefuseWhatIsNotAnAccountOrARegion() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BucketHome(null, "12345"));
		assertThatIllegalArgumentException().isThrownBy(() -> new BucketHome(null, "arn:aws:iam::123456789012:root"));
		assertThatIllegalArgumentException().isThrownBy(() -> new BucketHome("us-west", null));
		assertThat(new BucketHome("us-gov-west-1", "123456789012").linked()).isTrue();
	}

}
