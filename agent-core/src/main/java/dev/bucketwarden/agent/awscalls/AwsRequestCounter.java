package dev.bucketwarden.agent.awscalls;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every HTTP request an SDK client sends, as the counter {@value #METRIC} tagged
 * {@code service} (the SDK's service id: {@code S3}, {@code DynamoDb}, {@code Sqs} ...),
 * {@code operation} ({@code GetObject}, {@code PutItem} ...) and {@code attempt}
 * ({@code first}, or {@code retry} for the SDK's retries of the same call). Service and
 * operation names come from the SDK's service models, so the tags' values are bounded.
 * <p>
 * An interceptor rather than the SDK's {@code MetricPublisher}: the interceptor is called
 * anyway, once per attempt just before the request goes out ({@code beforeTransmission}),
 * and costs a map look-up and an increment; a metric publisher would make every client
 * collect its full set of call and attempt metrics (timings, sizes, a collection per
 * attempt) only to be thrown away here. A request counts when it is sent, whatever its
 * answer: AWS bills most requests that way, errors included.
 */
public final class AwsRequestCounter implements ExecutionInterceptor {

	/** The counter's name. */
	public static final String METRIC = "bucketwarden.aws.requests";

	/** Attempts of one call so far: the SDK keeps execution attributes across retries. */
	private static final ExecutionAttribute<AtomicInteger> ATTEMPTS = new ExecutionAttribute<>(
			"bucketwarden.aws.attempts");

	private static final String UNKNOWN = "unknown";

	private final MeterRegistry registry;

	private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

	public AwsRequestCounter(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Adds this counter to a client's builder, keeping the interceptors and settings the
	 * builder already has.
	 * @param builder a client's builder, before {@code build()}
	 */
	public void addTo(SdkClientBuilder<?, ?> builder) {
		ClientOverrides.change(builder, (override) -> override.addExecutionInterceptor(this));
	}

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
		attributes.putAttribute(ATTEMPTS, new AtomicInteger());
	}

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
		AtomicInteger attempts = attributes.getAttribute(ATTEMPTS);
		boolean retry = (attempts != null) && attempts.incrementAndGet() > 1;
		String service = nonNull(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
		String operation = nonNull(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
		counter(service, operation, retry).increment();
	}

	/** How many requests were counted for the service and operation, retries included. */
	public double count(String service, String operation) {
		return this.registry.find(METRIC)
			.tag("service", service)
			.tag("operation", operation)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private Counter counter(String service, String operation, boolean retry) {
		String key = service + ' ' + operation + ' ' + retry;
		return this.counters.computeIfAbsent(key,
				(ignored) -> Counter.builder(METRIC)
					.description("AWS requests sent by the agent (each HTTP attempt, retries included)")
					.baseUnit("requests")
					.tag("service", service)
					.tag("operation", operation)
					.tag("attempt", retry ? "retry" : "first")
					.register(this.registry));
	}

	private static String nonNull(String value) {
		return (value != null) ? value : UNKNOWN;
	}

}
