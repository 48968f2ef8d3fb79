package dev.bucketwarden.store.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One agent instance's usage in one hour, as absolute totals since that instance started
 * (so writing it again, after a lost answer or at the next flush, replaces rather than
 * adds).
 *
 * @param agent the agent instance (a new id per process: a restarted agent counts from
 * zero under its own id and leaves the old instance's totals alone)
 * @param service which agent ({@code event-agent}, {@code api-agent},
 * {@code retro-agent})
 * @param hour the hour's start (UTC, whole hour)
 * @param running how long the instance ran in this hour
 * @param vcpu the task's vCPUs, for compute cost
 * @param memoryGb the task's memory in GB (2^30 bytes), for compute cost
 * @param requests requests sent by bucket ({@link #SHARED} for those naming none), then
 * by {@code Service:Operation} ({@code S3:GetObject}), retries included
 */
public record UsageRollup(String agent, String service, Instant hour, Duration running, double vcpu, double memoryGb,
		Map<String, Map<String, Long>> requests) {

	/**
	 * Where requests that name no bucket go (SQS, DynamoDB, SNS ...); no bucket name can
	 * contain {@code *}.
	 */
	public static final String SHARED = "*";

	public UsageRollup {
		Objects.requireNonNull(agent, "agent");
		Objects.requireNonNull(service, "service");
		if (!hour.truncatedTo(ChronoUnit.HOURS).equals(hour)) {
			throw new IllegalArgumentException("Not a whole hour: " + hour);
		}
		if (running.isNegative() || running.compareTo(Duration.ofHours(1)) > 0) {
			throw new IllegalArgumentException("Running time out of the hour: " + running);
		}
		Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
		requests.forEach((bucket, counts) -> copy.put(bucket, Map.copyOf(counts)));
		requests = Map.copyOf(copy);
	}

	/** Every request of the hour, whatever bucket. */
	public long totalRequests() {
		return this.requests.values()
			.stream()
			.flatMap((counts) -> counts.values().stream())
			.mapToLong(Long::longValue)
			.sum();
	}

}
