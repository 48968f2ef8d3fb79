package dev.bucketwarden.eventagent.intake;

import java.time.Duration;
import java.util.List;

import io.awspring.cloud.sqs.listener.backpressure.BackPressureHandler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.health.EngineHealth;

/**
 * Holds back polling of the scan queue while the engines cannot give verdicts, as a
 * back-pressure handler the listener container asks before each poll: a message that is
 * not received keeps its attempts, where one received while clamd restarts would burn
 * them and reach the dead-letter queue within a minute or two. Messages already in flight
 * fail and retry as before. Off by default ({@link PauseIntake#NEVER}).
 */
public final class IntakeGate implements BackPressureHandler {

	private static final Logger logger = LoggerFactory.getLogger(IntakeGate.class);

	/** 1 while intake is paused, for alarms and tests. */
	public static final String METER = "bucketwarden.intake.paused";

	private final EngineHealth health;

	private final PauseIntake mode;

	private volatile boolean paused;

	IntakeGate(EngineHealth health, PauseIntake mode, MeterRegistry meters) {
		this.health = health;
		this.mode = mode;
		Gauge.builder(METER, this, (gate) -> gate.paused ? 1 : 0)
			.description("1 while the event agent holds back polling because its engines are down")
			.register(meters);
	}

	@Override
	public int request(int amount) {
		List<String> down = down();
		boolean pause = !down.isEmpty();
		if (pause != this.paused) {
			this.paused = pause;
			if (pause) {
				logger.warn("Scan queue intake paused: required engines {} cannot give verdicts", down);
			}
			else {
				logger.info("Scan queue intake resumed: the engines answer again");
			}
		}
		return pause ? 0 : amount;
	}

	private List<String> down() {
		return this.health.check()
			.engines()
			.stream()
			.filter(EngineHealth.Engine::required)
			.filter((engine) -> (this.mode == PauseIntake.NOT_READY) ? engine.status() != EngineHealth.Status.UP
					: engine.status() == EngineHealth.Status.UNREACHABLE)
			.map((engine) -> engine.id() + " " + engine.status())
			.toList();
	}

	@Override
	public void release(int amount, ReleaseReason reason) {
		// Nothing held: the gate only says yes or no.
	}

	@Override
	public boolean drain(Duration timeout) {
		return true;
	}

}
