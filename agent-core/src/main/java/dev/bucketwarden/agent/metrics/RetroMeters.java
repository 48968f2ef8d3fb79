package dev.bucketwarden.agent.metrics;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A retro job's progress ({@value #OBJECTS}) per job and stage: objects listed, queued
 * for the workers, and scanned. Job ids come from the console or the schedule, a few a
 * day, so the tag stays bounded.
 */
public final class RetroMeters {

	public static final String OBJECTS = "bucketwarden.retro.objects";

	private final MeterRegistry registry;

	public RetroMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	/** Counts objects of a job that reached a stage. */
	public void count(String job, Stage stage, long objects) {
		if (objects <= 0) {
			return;
		}
		Counter.builder(OBJECTS)
			.description("Retro job progress: objects listed, queued and scanned")
			.tag("job", job)
			.tag("stage", stage.name().toLowerCase(Locale.ROOT))
			.register(this.registry)
			.increment(objects);
	}

	/** How far an object of a retro job got. */
	public enum Stage {

		LISTED, QUEUED, SCANNED

	}

}
