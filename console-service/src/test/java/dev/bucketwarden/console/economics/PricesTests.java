package dev.bucketwarden.console.economics;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The price table an admin edits: every value a number from 0 to 1,000 dollars. */
class PricesTests {

	@Test
	void shouldKeepDefaultsForPricesLeftOut() {
		Prices prices = Prices.fromMap(Map.of("sqsPerMillion", " 0.5 "));

		assertThat(prices.sqsPerMillion()).isEqualByComparingTo("0.5");
		assertThat(prices.s3GetPerThousand()).isEqualByComparingTo(Prices.DEFAULTS.s3GetPerThousand());
	}

	@Test
	void shouldRoundTripThroughItsMap() {
		Map<String, String> values = new java.util.LinkedHashMap<>();
		Prices.DEFAULTS.asMap().forEach((name, value) -> values.put(name, value.toPlainString()));

		assertThat(Prices.fromMap(values)).isEqualTo(Prices.DEFAULTS);
		assertThat(values).hasSize(12);
	}

	@Test
	void shouldRefuseWhatIsNoPrice() {
		assertThatIllegalArgumentException().isThrownBy(() -> Prices.fromMap(Map.of("sqsPerMillion", "-1")))
			.withMessageContaining("sqsPerMillion must be between 0 and 1000");
		assertThatIllegalArgumentException().isThrownBy(() -> Prices.fromMap(Map.of("fargateGbHour", "1001")))
			.withMessageContaining("fargateGbHour");
		assertThatIllegalArgumentException().isThrownBy(() -> Prices.fromMap(Map.of("snsPerMillion", "cheap")))
			.withMessage("snsPerMillion is not a number: cheap");
		assertThatIllegalArgumentException().isThrownBy(() -> Prices.fromMap(Map.of("snsPerMillion", " ")))
			.withMessage("snsPerMillion is empty");
		assertThatIllegalArgumentException().isThrownBy(() -> Prices.fromMap(Map.of("egressPerGb", "0.09")))
			.withMessage("Unknown price: egressPerGb");
		assertThat(Prices.fromMap(Map.of("s3DeletePerThousand", "0")).s3DeletePerThousand())
			.isEqualByComparingTo(BigDecimal.ZERO);
	}

}
