package dev.bucketwarden.agent.metrics;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The queue consumers' meters: messages being worked on per queue ({@value #IN_FLIGHT})
 * and messages sent to a dead-letter queue by reason ({@value #DLQ_SENDS}). Reasons are a
 * fixed set ({@link DeadLetterReason}), never a message's text, so the tag stays bounded.
 */
public final class QueueMeters {

	public static final String IN_FLIGHT = "bucketwarden.messages.in.flight";

	public static final String DLQ_SENDS = "bucketwarden.dlq.sends";

	private final MeterRegistry registry;

	private final ConcurrentMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

	public QueueMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Counts a message as being worked on until the returned handle is closed.
	 * @param queue the queue's name (not its URL: the tag is the same in every account)
	 */
	public InFlight working(String queue) {
		AtomicInteger count = this.inFlight.computeIfAbsent(queue, (name) -> {
			AtomicInteger gauge = new AtomicInteger();
			Gauge.builder(IN_FLIGHT, gauge, AtomicInteger::get)
				.description("Messages being worked on")
				.tag("queue", name)
				.strongReference(true)
				.register(this.registry);
			return gauge;
		});
		count.incrementAndGet();
		return count::decrementAndGet;
	}

	/** A message went to the dead-letter queue. */
	public void deadLettered(DeadLetterReason reason) {
		Counter.builder(DLQ_SENDS)
			.description("Messages sent to a dead-letter queue, by reason")
			.tag("reason", reason.name().toLowerCase(Locale.ROOT))
			.register(this.registry)
			.increment();
	}

	/** A message being worked on; closing it ends that. */
	@FunctionalInterface
	public interface InFlight extends AutoCloseable {

		@Override
		void close();

	}

	/** Why a message went to a dead-letter queue. */
	public enum DeadLetterReason {

		/** Not a request we can read (not JSON, not an event, forged). */
		POISON,
		/** Every attempt failed; the queue's redrive policy moves it. */
		ATTEMPTS_EXHAUSTED

	}

}
