package dev.bucketwarden.agent.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import dev.bucketwarden.store.usage.DynamoDbUsageTable;
import dev.bucketwarden.store.usage.UsageRollup;

/**
 * Writes this agent instance's hourly usage on a timer and once more at shutdown: each
 * write replaces the instance's item of the hour with the absolute totals so far, so a
 * write repeated after a lost answer, or the next flush, never adds twice. An hour is
 * written until a flush runs well after it ended ({@link #SETTLE}), then forgotten; a
 * failed write leaves it to the next flush. Every hour the instance ran gets an item,
 * requests or not: its running time is the compute being paid for.
 */
public final class UsageRollupWriter implements SmartLifecycle {

	/**
	 * How long after an hour's end it is still written: a request counted just before the
	 * hour turned may be added a moment after the flush that read the hour.
	 */
	static final Duration SETTLE = Duration.ofMinutes(5);

	private static final Logger logger = LoggerFactory.getLogger(UsageRollupWriter.class);

	private static final Duration STOP_WAIT = Duration.ofSeconds(10);

	private final UsageCounter counter;

	private final DynamoDbUsageTable table;

	private final Clock clock;

	private final String service;

	private final String agent;

	private final double vcpu;

	private final double memoryGb;

	private final Duration interval;

	private final Instant started;

	/** Hours before this one are written for good. */
	private Instant open;

	private ScheduledExecutorService executor;

	/**
	 * @param service the agent's name ({@code event-agent} ...)
	 * @param vcpu the task's vCPUs
	 * @param memoryGb the task's memory, GB
	 * @param interval how often to write
	 */
	public UsageRollupWriter(UsageCounter counter, DynamoDbUsageTable table, Clock clock, String service, double vcpu,
			double memoryGb, Duration interval) {
		this.counter = counter;
		this.table = table;
		this.clock = clock;
		this.service = service;
		this.agent = service + "/" + UUID.randomUUID();
		this.vcpu = vcpu;
		this.memoryGb = memoryGb;
		this.interval = interval;
		this.started = clock.instant();
		this.open = this.started.truncatedTo(ChronoUnit.HOURS);
	}

	/** This instance's id in the roll-ups. */
	public String agent() {
		return this.agent;
	}

	/**
	 * Writes every hour not yet written for good; returns whether all writes succeeded.
	 * Synchronized: the timer and the shutdown flush must not interleave their reads.
	 */
	public synchronized boolean flush() {
		Instant now = this.clock.instant();
		Instant current = now.truncatedTo(ChronoUnit.HOURS);
		Set<Instant> hours = new TreeSet<>(this.counter.hours());
		for (Instant hour = this.open; !hour.isAfter(current); hour = hour.plus(Duration.ofHours(1))) {
			hours.add(hour);
		}
		boolean written = true;
		for (Instant hour : hours) {
			if (hour.isBefore(this.open)) {
				// a straggler of an hour already written for good: its item stands
				this.counter.forget(hour);
				continue;
			}
			try {
				this.table.put(new UsageRollup(this.agent, this.service, hour, running(hour, now), this.vcpu,
						this.memoryGb, this.counter.counts(hour)));
			}
			catch (RuntimeException ex) {
				logger.warn("Writing the usage of {} for {} failed (the next flush writes it): {}", this.agent, hour,
						ex.getMessage());
				written = false;
				break;
			}
			if (!now.isBefore(hour.plus(Duration.ofHours(1)).plus(SETTLE))) {
				this.counter.forget(hour);
				this.open = hour.plus(Duration.ofHours(1));
			}
		}
		return written;
	}

	/** How much of the hour this instance ran, up to now. */
	private Duration running(Instant hour, Instant now) {
		Instant from = this.started.isAfter(hour) ? this.started : hour;
		Instant end = hour.plus(Duration.ofHours(1));
		Instant to = now.isBefore(end) ? now : end;
		return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		this.executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("usage-rollups").daemon(true).factory());
		long millis = this.interval.toMillis();
		this.executor.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService running;
		synchronized (this) {
			running = this.executor;
			this.executor = null;
		}
		if (running == null) {
			return;
		}
		running.shutdownNow();
		// The last write, bounded: a shutdown must not hang on an unreachable DynamoDB.
		ExecutorService once = Executors.newVirtualThreadPerTaskExecutor();
		Future<Boolean> last = once.submit(this::flush);
		try {
			if (!last.get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("The last usage write of {} failed: its latest minutes are not recorded", this.agent);
			}
		}
		catch (TimeoutException ex) {
			last.cancel(true);
			logger.warn("The last usage write of {} took over {}: its latest minutes may not be recorded", this.agent,
					STOP_WAIT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			logger.warn("The last usage write of {} failed: {}", this.agent, ex.getCause().getMessage());
		}
		finally {
			once.shutdownNow();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	@Override
	public int getPhase() {
		// Stopped after the listeners (which stop at the default phase) and their last
		// requests, before the clients close.
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

	private void flushQuietly() {
		try {
			flush();
		}
		catch (RuntimeException ex) {
			logger.warn("Writing usage failed: {}", ex.getMessage());
		}
	}

}
