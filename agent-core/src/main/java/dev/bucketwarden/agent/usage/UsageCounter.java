package dev.bucketwarden.agent.usage;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import dev.bucketwarden.agent.awscalls.ClientOverrides;
import dev.bucketwarden.store.usage.UsageRollup;

/**
 * Counts each HTTP request the agent's SDK clients send (retries included: AWS bills
 * them), by the hour it went out, the bucket the request names (its {@code Bucket} field,
 * as S3's requests have; {@link UsageRollup#SHARED} otherwise) and
 * {@code Service:Operation}. Called once per attempt just before it is sent, like the
 * request counter of the metrics; the counts are this process's own, from zero.
 */
public final class UsageCounter implements ExecutionInterceptor {

	private final Clock clock;

	/** hour, then bucket, then Service:Operation. */
	private final ConcurrentMap<Instant, ConcurrentMap<String, ConcurrentMap<String, LongAdder>>> hours = new ConcurrentHashMap<>();

	public UsageCounter(Clock clock) {
		this.clock = clock;
	}

	/** Adds this counter to a client's builder, keeping what the builder has. */
	public void addTo(SdkClientBuilder<?, ?> builder) {
		ClientOverrides.change(builder, (override) -> override.addExecutionInterceptor(this));
	}

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
		String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
		String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
		count(bucket(context.request()),
				((service != null) ? service : "unknown") + ":" + ((operation != null) ? operation : "unknown"));
	}

	void count(String bucket, String request) {
		this.hours.computeIfAbsent(this.clock.instant().truncatedTo(ChronoUnit.HOURS), (h) -> new ConcurrentHashMap<>())
			.computeIfAbsent(bucket, (b) -> new ConcurrentHashMap<>())
			.computeIfAbsent(request, (r) -> new LongAdder())
			.increment();
	}

	/** The hours counted so far and not forgotten, oldest first. */
	Set<Instant> hours() {
		return new TreeSet<>(this.hours.keySet());
	}

	/** The hour's counts so far: bucket, then Service:Operation. */
	public Map<String, Map<String, Long>> counts(Instant hour) {
		Map<String, Map<String, Long>> counts = new HashMap<>();
		this.hours.getOrDefault(hour, new ConcurrentHashMap<>()).forEach((bucket, requests) -> {
			Map<String, Long> copy = new HashMap<>();
			requests.forEach((request, adder) -> copy.put(request, adder.sum()));
			counts.put(bucket, copy);
		});
		return counts;
	}

	/** Drops an hour that was written for the last time. */
	void forget(Instant hour) {
		this.hours.remove(hour);
	}

	private static String bucket(SdkRequest request) {
		return request.getValueForField("Bucket", String.class)
			.filter((name) -> !name.isBlank())
			.orElse(UsageRollup.SHARED);
	}

}
