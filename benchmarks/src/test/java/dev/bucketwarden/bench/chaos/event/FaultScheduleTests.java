package dev.bucketwarden.bench.chaos.event;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The seeded fault schedule: repeatable, and every fault the issue asks for. */
class FaultScheduleTests {

	private static final Duration SPAN = Duration.ofMinutes(10);

	@Test
	void shouldDrawTheSameScheduleFromTheSameSeed() {
		FaultSchedule first = FaultSchedule.draw(42, SPAN, FaultSchedule.Counts.DEFAULT, 2);
		FaultSchedule again = FaultSchedule.draw(42, SPAN, FaultSchedule.Counts.DEFAULT, 2);
		FaultSchedule other = FaultSchedule.draw(43, SPAN, FaultSchedule.Counts.DEFAULT, 2);

		assertThat(again).isEqualTo(first);
		assertThat(other.faults()).isNotEqualTo(first.faults());
	}

	@Test
	void shouldHoldAtLeastTheFaultsOfTheIssueInADefaultRun() {
		FaultSchedule schedule = FaultSchedule.draw(7, SPAN, FaultSchedule.Counts.DEFAULT, 2);

		assertThat(schedule.countByAction()).containsEntry(FaultSchedule.Action.KILL_AGENT, 6)
			.containsEntry(FaultSchedule.Action.KILL_CLAMD, 4)
			.containsEntry(FaultSchedule.Action.STOP_CLAMD, 2);
		assertThat(awsCombinations(schedule)).hasSize(28)
			.allSatisfy((combination, count) -> assertThat(count).isEqualTo(3));
		assertThat(schedule.faults()).filteredOn((fault) -> fault.action() == FaultSchedule.Action.KILL_AGENT)
			.extracting(FaultSchedule.Fault::agent)
			.contains(0, 1);
	}

	@Test
	void shouldArmEveryAwsFaultKindOnEveryOperationOnceInAShortRun() {
		FaultSchedule schedule = FaultSchedule.draw(7, Duration.ofSeconds(45), FaultSchedule.Counts.SHORT, 2);

		assertThat(awsCombinations(schedule)).hasSize(FaultSchedule.OPERATIONS.size() * FaultSchedule.AWS_KINDS.size())
			.allSatisfy((combination, count) -> assertThat(count).isEqualTo(1));
		assertThat(schedule.countByAction()).containsEntry(FaultSchedule.Action.KILL_CLAMD, 1)
			.containsEntry(FaultSchedule.Action.STOP_CLAMD, 1);
	}

	@Test
	void shouldKeepEveryFaultInItsSpanAndInTimeOrder() {
		FaultSchedule schedule = FaultSchedule.draw(99, SPAN, FaultSchedule.Counts.DEFAULT, 2);

		assertThat(schedule.faults()).allSatisfy((fault) -> assertThat(fault.at()).isBetween(Duration.ZERO, SPAN));
		assertThat(schedule.faults()).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
		assertThat(schedule.faults()).filteredOn((fault) -> fault.action() != FaultSchedule.Action.AWS)
			.allSatisfy((fault) -> assertThat(fault.at()).isLessThan(SPAN.multipliedBy(85).dividedBy(100)));
	}

	private static Map<String, Integer> awsCombinations(FaultSchedule schedule) {
		Map<String, Integer> combinations = new HashMap<>();
		schedule.faults()
			.stream()
			.filter((fault) -> fault.action() == FaultSchedule.Action.AWS)
			.forEach((fault) -> combinations.merge(fault.operation() + " " + fault.kind(), 1, Integer::sum));
		return combinations;
	}

}
