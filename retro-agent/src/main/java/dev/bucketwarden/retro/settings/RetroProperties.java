package dev.bucketwarden.retro.settings;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The retro agent's settings ({@code bucketwarden.retro}).
 *
 * @param queue the retro queue's name or URL
 * @param jobsTable the DynamoDB table of jobs
 * @param crawl how buckets are crawled
 * @param worker how workers consume the retro queue
 */
@Validated
@ConfigurationProperties("bucketwarden.retro")
public record RetroProperties(@NotBlank @DefaultValue("bucketwarden-retro") String queue,
		@NotBlank @DefaultValue("bucketwarden-jobs") String jobsTable, @Valid @DefaultValue Crawl crawl,
		@Valid @DefaultValue Worker worker) {

	/**
	 * @param listers partitions listed at once
	 * @param maxPartitions most partitions a bucket is split into (by its common
	 * prefixes)
	 * @param pageSize keys per list request (S3 returns at most 1000)
	 * @param sendConcurrency batch sends in flight per lister
	 * @param cancelCheck how often a crawler looks whether its job was cancelled
	 * @param objectsPerMessage objects per retro queue message (fewer when their keys are
	 * long)
	 * @param heartbeat how often a crawler records on its job that it is alive (the
	 * console calls a crawl stopped when it has not heard for a while)
	 */
	public record Crawl(@Min(1) @DefaultValue("8") int listers, @Min(1) @DefaultValue("64") int maxPartitions,
			@Min(1) @Max(1000) @DefaultValue("1000") int pageSize, @Min(1) @DefaultValue("4") int sendConcurrency,
			@DefaultValue("2s") Duration cancelCheck, @Min(1) @Max(1000) @DefaultValue("100") int objectsPerMessage,
			@NotNull @DefaultValue("30s") Duration heartbeat) {

		public Crawl {
			if (heartbeat != null && (heartbeat.isNegative() || heartbeat.isZero())) {
				throw new IllegalArgumentException("heartbeat must be positive");
			}
		}

	}

	/**
	 * @param concurrency messages scanned at once (keep it at clamd's MaxThreads)
	 * @param idleTime a worker exits when its job's crawl is finished and the queue has
	 * been empty this long
	 * @param maxAttempts receives before the retro queue's redrive policy dead-letters a
	 * message; keep it equal to the policy's maxReceiveCount
	 * @param visibilityTimeout how long a received message stays invisible while scanned;
	 * longer than the chain.s engine timeout
	 * @param retryBackoff visibility of a message whose scan failed and will be retried
	 * @param waitTime long polling wait of one receive
	 * @param jobCheck how long a job's state is cached
	 */
	public record Worker(@Min(1) @DefaultValue("8") int concurrency, @DefaultValue("60s") Duration idleTime,
			@Min(1) @DefaultValue("5") int maxAttempts, @DefaultValue("15m") Duration visibilityTimeout,
			@DefaultValue("10s") Duration retryBackoff, @DefaultValue("1s") Duration waitTime,
			@DefaultValue("1s") Duration jobCheck) {
	}

}
