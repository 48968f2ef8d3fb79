package dev.bucketwarden.local.faults;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ArmingTests {

	private static final AwsOperation GET = AwsOperation.valueOf("s3:GetObject");

	private static final AwsOperation HEAD = AwsOperation.valueOf("s3:HeadObject");

	private final Arming arming = new Arming();

	@Test
	void shouldInjectIntoTheNextRequestsOfTheOperationOnlyAsManyTimesAsArmed() {
		this.arming.add("s3:GetObject", FaultKind.SLOW_DOWN_503, 2);

		assertThat(this.arming.take(HEAD)).isNull();
		assertThat(this.arming.take(GET)).isEqualTo(FaultKind.SLOW_DOWN_503);
		assertThat(this.arming.pending()).isOne();
		assertThat(this.arming.take(GET)).isEqualTo(FaultKind.SLOW_DOWN_503);
		assertThat(this.arming.take(GET)).isNull();
		assertThat(this.arming.pending()).isZero();
	}

	@Test
	void shouldSpendArmedFaultsInTheOrderTheyWereArmed() {
		this.arming.add("s3:*", FaultKind.RESET_MID_BODY, 1);
		this.arming.add("s3:GetObject", FaultKind.DELAY_PAST_TIMEOUT, 1);

		assertThat(this.arming.take(GET)).isEqualTo(FaultKind.RESET_MID_BODY);
		assertThat(this.arming.take(GET)).isEqualTo(FaultKind.DELAY_PAST_TIMEOUT);
		assertThat(this.arming.take(GET)).isNull();
	}

	@Test
	void shouldForgetEveryArmedFaultWhenDisarmed() {
		this.arming.add("s3:GetObject", FaultKind.SLOW_DOWN_503, 5);
		this.arming.addRandom("*", FaultKind.INTERNAL_ERROR_500, 1.0, 1, 5);

		this.arming.clear();

		assertThat(this.arming.take(GET)).isNull();
		assertThat(this.arming.pending()).isZero();
	}

	@Test
	void shouldDrawRandomFaultsTheSameWayForTheSameSeedAndStopAtTheMaximum() {
		assertThat(draws(42, 0.3, 1000, 1000)).isEqualTo(draws(42, 0.3, 1000, 1000))
			.isNotEqualTo(draws(43, 0.3, 1000, 1000));
		assertThat(draws(42, 0.3, 1000, 1000).stream().filter((fault) -> fault).count()).isBetween(200L, 400L);
		assertThat(draws(42, 1.0, 3, 10).stream().filter((fault) -> fault).count()).isEqualTo(3);
	}

	@Test
	void shouldRefuseArmingWithoutTimesOrWithAProbabilityOutsideOneToZero() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.arming.add("s3:GetObject", FaultKind.SLOW_DOWN_503, 0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.arming.addRandom("s3:GetObject", FaultKind.SLOW_DOWN_503, 0, 1, 1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.arming.addRandom("s3:GetObject", FaultKind.SLOW_DOWN_503, 1.5, 1, 1));
	}

	private static List<Boolean> draws(long seed, double probability, int max, int requests) {
		Arming random = new Arming();
		random.addRandom("s3:GetObject", FaultKind.INTERNAL_ERROR_500, probability, seed, max);
		List<Boolean> faults = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			faults.add(random.take(GET) != null);
		}
		return faults;
	}

}
