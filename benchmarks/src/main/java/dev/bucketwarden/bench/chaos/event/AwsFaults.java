package dev.bucketwarden.bench.chaos.event;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.bucketwarden.bench.event.EventStack;
import dev.bucketwarden.local.faults.FaultKind;
import dev.bucketwarden.local.faults.FaultProxy;
import dev.bucketwarden.local.faults.InjectedFault;

/**
 * The fault-injecting proxies in front of S3Mock, ElasticMQ and DynamoDB Local, for the
 * agents only: the load goes through the S3 event relay and the checker reads straight
 * from the servers. Each AWS fault of the schedule is armed on the proxy of its service;
 * every injected fault is appended to {@code aws-faults.log} in the run directory.
 */
final class AwsFaults implements AutoCloseable {

	/**
	 * What the agents' {@code bucketwarden.aws.attempt-timeout} is set to in the run: 2 s
	 * failed the first SQS calls of agents just started on a busy machine (two attempts),
	 * so they never started.
	 */
	static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

	/** How long a delayed response is held: past the attempt timeout. */
	private static final Duration DELAY = Duration.ofSeconds(7);

	private final FaultProxy s3;

	private final FaultProxy sqs;

	private final FaultProxy dynamodb;

	private AwsFaults(FaultProxy s3, FaultProxy sqs, FaultProxy dynamodb) {
		this.s3 = s3;
		this.sqs = sqs;
		this.dynamodb = dynamodb;
	}

	static AwsFaults start(EventStack stack, Path log) {
		FaultProxy s3 = FaultProxy.start("s3", stack.s3mock.endpoint(), DELAY, log);
		FaultProxy sqs = FaultProxy.start("sqs", stack.elasticmq.endpoint(), DELAY, log);
		FaultProxy dynamodb = FaultProxy.start("dynamodb", stack.dynamodb.endpoint(), DELAY, log);
		return new AwsFaults(s3, sqs, dynamodb);
	}

	/**
	 * Points the agents' AWS endpoints at the proxies and bounds their attempts; no usage
	 * roll-ups.
	 */
	void applyTo(Map<String, String> settings) {
		settings.put("spring.cloud.aws.s3.endpoint", this.s3.endpoint().toString());
		settings.put("spring.cloud.aws.sqs.endpoint", this.sqs.endpoint().toString());
		settings.put("spring.cloud.aws.dynamodb.endpoint", this.dynamodb.endpoint().toString());
		settings.put("bucketwarden.aws.attempt-timeout", ATTEMPT_TIMEOUT.toMillis() + "ms");
		// Usage roll-ups would send PutItems of their own through the proxy, taking
		// faults armed for the pipeline's and shifting a seed's schedule.
		settings.put("bucketwarden.usage.enabled", "false");
	}

	void arm(FaultSchedule.Fault fault) {
		String operation = fault.operation();
		String kind = fault.kind();
		if (operation == null || kind == null) {
			throw new IllegalArgumentException("not an AWS fault: " + fault);
		}
		proxy(operation).arm(operation, FaultKind.valueOf(kind), fault.times());
	}

	private FaultProxy proxy(String operation) {
		if (operation.startsWith("s3:")) {
			return this.s3;
		}
		if (operation.startsWith("sqs:")) {
			return this.sqs;
		}
		if (operation.startsWith("dynamodb:")) {
			return this.dynamodb;
		}
		throw new IllegalArgumentException("no proxy for " + operation);
	}

	/** Armed faults no request has spent yet. */
	int pending() {
		return this.s3.pending() + this.sqs.pending() + this.dynamodb.pending();
	}

	/** Forgets the faults still armed: for the redrive, which runs without faults. */
	void disarm() {
		this.s3.disarm();
		this.sqs.disarm();
		this.dynamodb.disarm();
	}

	List<InjectedFault> injected() {
		List<InjectedFault> all = new ArrayList<>(this.s3.injected());
		all.addAll(this.sqs.injected());
		all.addAll(this.dynamodb.injected());
		return all;
	}

	/** Requests failed, by fault kind. */
	Map<String, Integer> injectedByKind() {
		Map<String, Integer> counts = new TreeMap<>();
		injected().forEach((fault) -> counts.merge(fault.kind().name(), 1, Integer::sum));
		return counts;
	}

	/**
	 * The operation and kind pairs of the schedule that no request was failed with,
	 * matched as the proxy matches ({@code sqs:DeleteMessage} also by its batch form).
	 */
	Set<String> missing(FaultSchedule schedule) {
		Set<String> missing = new TreeSet<>();
		List<InjectedFault> injected = injected();
		for (FaultSchedule.Fault fault : schedule.faults()) {
			if (fault.action() != FaultSchedule.Action.AWS) {
				continue;
			}
			boolean hit = injected.stream()
				.anyMatch((done) -> done.kind().name().equals(fault.kind())
						&& done.operation().matches(fault.operation()));
			if (!hit) {
				missing.add(fault.kind() + " on " + fault.operation());
			}
		}
		return missing;
	}

	@Override
	public void close() {
		this.s3.close();
		this.sqs.close();
		this.dynamodb.close();
	}

}
