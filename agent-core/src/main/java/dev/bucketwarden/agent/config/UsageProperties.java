package dev.bucketwarden.agent.config;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The agent's usage roll-ups ({@code bucketwarden.usage}): its AWS requests and running
 * time per hour, written to the results table for the console's unit economics.
 *
 * @param enabled whether to count and write them
 * @param flushInterval how often the current hour's totals are written (and once more at
 * shutdown); what a crash can lose
 * @param taskVcpu the vCPUs of the agent's task (Fargate bills them per hour); the
 * deployment sets it to the task's size
 * @param taskMemory the memory of the agent's task (Fargate bills it per GB-hour)
 */
@Validated
@ConfigurationProperties("bucketwarden.usage")
public record UsageProperties(@DefaultValue("true") boolean enabled,
		@NotNull @DefaultValue("1m") Duration flushInterval,
		@DecimalMin("0.25") @DecimalMax("192") @DefaultValue("1") double taskVcpu,
		@NotNull @DefaultValue("2GB") DataSize taskMemory) {

	public UsageProperties {
		if (flushInterval.compareTo(Duration.ofSeconds(1)) < 0 || flushInterval.compareTo(Duration.ofMinutes(30)) > 0) {
			throw new IllegalArgumentException(
					"bucketwarden.usage.flush-interval must be between 1s and 30m: " + flushInterval);
		}
		if (taskMemory.toMegabytes() < 512) {
			throw new IllegalArgumentException("bucketwarden.usage.task-memory must be at least 512MB: " + taskMemory);
		}
	}

	/** The task's memory in GB of 2^30 bytes, as Fargate bills it. */
	public double taskMemoryGb() {
		return this.taskMemory.toBytes() / (double) (1L << 30);
	}

}
