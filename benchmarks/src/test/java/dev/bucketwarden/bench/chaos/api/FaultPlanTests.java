package dev.bucketwarden.bench.chaos.api;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API run's fault schedule: every kind, inside the run, the same for the same seed.
 */
class FaultPlanTests {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

	@Test
	void shouldScheduleEveryKindOfFaultTheAskedNumberOfTimes() {
		List<FaultPlan.Step> steps = FaultPlan.plan(42, 300, 3, READ_TIMEOUT);

		assertThat(steps).hasSize(3 * FaultPlan.Action.values().length);
		for (FaultPlan.Action action : FaultPlan.Action.values()) {
			assertThat(steps).filteredOn((step) -> step.action() == action).hasSize(3);
		}
	}

	@Test
	void shouldPlaceEveryStepInsideTheRunInOrder() {
		List<FaultPlan.Step> steps = FaultPlan.plan(7, 300, 1, READ_TIMEOUT);

		assertThat(steps).allSatisfy((step) -> assertThat(step.afterAnswers()).isBetween(30, 270));
		assertThat(steps).isSortedAccordingTo((a, b) -> Integer.compare(a.afterAnswers(), b.afterAnswers()));
	}

	@Test
	void shouldStopClamdLongerThanTheReadTimeoutAndFailPutsAtLeastOnce() {
		List<FaultPlan.Step> steps = FaultPlan.plan(3, 300, 3, READ_TIMEOUT);

		assertThat(steps).filteredOn((step) -> step.action() == FaultPlan.Action.CLAMD_STOP)
			.allSatisfy((step) -> assertThat(step.hold()).isGreaterThan(READ_TIMEOUT));
		assertThat(steps).filteredOn((step) -> step.action().name().startsWith("PUT_"))
			.allSatisfy((step) -> assertThat(step.times()).isPositive());
	}

	@Test
	void shouldBeTheSameForTheSameSeedAndDifferForAnother() {
		assertThat(FaultPlan.plan(11, 1000, 3, READ_TIMEOUT)).isEqualTo(FaultPlan.plan(11, 1000, 3, READ_TIMEOUT))
			.isNotEqualTo(FaultPlan.plan(12, 1000, 3, READ_TIMEOUT));
	}

}
