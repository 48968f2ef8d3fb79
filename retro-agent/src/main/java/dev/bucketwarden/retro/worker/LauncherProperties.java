package dev.bucketwarden.retro.worker;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.bucketwarden.jobs.launch.EcsTaskSettings;

/**
 * How workers are started ({@code bucketwarden.retro.launcher}).
 *
 * @param type local processes, ECS tasks, or none (workers are started otherwise)
 * @param count workers per job at least
 * @param maxCount workers per job at most
 * @param messagesPerWorker queue depth one worker is meant for: a deeper queue raises the
 * count up to {@code maxCount}
 * @param local settings of local processes
 * @param ecs settings of ECS tasks (as the console's
 * {@code bucketwarden.console.retro.ecs})
 */
@Validated
@ConfigurationProperties("bucketwarden.retro.launcher")
public record LauncherProperties(@DefaultValue("LOCAL") Type type, @Min(0) @DefaultValue("1") int count,
		@Min(1) @DefaultValue("10") int maxCount, @Min(1) @DefaultValue("10000") long messagesPerWorker,
		@Valid @DefaultValue Local local, @Valid @DefaultValue EcsTaskSettings ecs) {

	/** How many workers a job gets for this queue depth. */
	public int workersFor(long queueDepth) {
		long byDepth = (queueDepth + this.messagesPerWorker - 1) / this.messagesPerWorker;
		return (int) Math.min(this.maxCount, Math.max(this.count, byDepth));
	}

	public enum Type {

		LOCAL, ECS, NONE

	}

	/**
	 * @param heap the worker JVM's maximum heap
	 * @param arguments extra arguments for every worker (settings such as
	 * {@code --spring.config.additional-location=...}); the launcher adds those it was
	 * started with
	 * @param logDirectory where each worker's output goes, or unset to discard it
	 */
	public record Local(@DefaultValue("256m") String heap, @DefaultValue List<String> arguments, String logDirectory) {
	}

}
