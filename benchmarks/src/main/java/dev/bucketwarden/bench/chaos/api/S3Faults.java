package dev.bucketwarden.bench.chaos.api;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.bucketwarden.local.faults.FaultKind;
import dev.bucketwarden.local.faults.FaultProxy;
import dev.bucketwarden.local.faults.InjectedFault;

/**
 * The fault-injecting proxy between the API agent and S3Mock, armed by the schedule's S3
 * steps: PutObject fails the next {@code times} calls with the step's kind.
 */
final class S3Faults implements AutoCloseable {

	static final String PUT_OBJECT = "s3:PutObject";

	private final FaultProxy proxy;

	private S3Faults(FaultProxy proxy) {
		this.proxy = proxy;
	}

	/**
	 * @param delay how long a {@link FaultPlan.Action#PUT_DELAY_PAST_TIMEOUT} answer is
	 * held, longer than the agent's attempt timeout
	 * @param log where every injected fault is logged with its time
	 */
	static S3Faults start(URI s3, Duration delay, Path log) {
		return new S3Faults(FaultProxy.start("s3", s3, delay, log));
	}

	URI endpoint() {
		return this.proxy.endpoint();
	}

	void arm(FaultPlan.Action action, int times) {
		this.proxy.arm(PUT_OBJECT, kind(action), times);
	}

	void disarm() {
		this.proxy.disarm();
	}

	/** The faults injected so far, by kind. */
	Map<String, Integer> injectedByKind() {
		Map<String, Integer> counts = new TreeMap<>();
		for (InjectedFault fault : injected()) {
			counts.merge(fault.kind().name(), 1, Integer::sum);
		}
		return counts;
	}

	List<InjectedFault> injected() {
		return this.proxy.injected();
	}

	static FaultKind kind(FaultPlan.Action action) {
		return switch (action) {
			case PUT_SLOW_DOWN_503 -> FaultKind.SLOW_DOWN_503;
			case PUT_INTERNAL_ERROR_500 -> FaultKind.INTERNAL_ERROR_500;
			case PUT_RESET_MID_BODY -> FaultKind.RESET_MID_BODY;
			case PUT_DELAY_PAST_TIMEOUT -> FaultKind.DELAY_PAST_TIMEOUT;
			case CLAMD_KILL, CLAMD_STOP -> throw new IllegalArgumentException(action + " is no S3 fault");
		};
	}

	@Override
	public void close() {
		this.proxy.close();
	}

}
