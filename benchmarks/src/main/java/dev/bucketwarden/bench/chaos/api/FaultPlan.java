package dev.bucketwarden.bench.chaos.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The run's fault schedule, decided by the seed: each step fires when that many requests
 * have been answered, so the schedule lands in the load however fast the machine is.
 * Every kind of fault comes at least once ({@code --short}) or three times, at seeded
 * places between a tenth and nine tenths of the run.
 */
final class FaultPlan {

	/** What a step does. */
	enum Action {

		/** {@code kill -9} clamd, wait, start it again. */
		CLAMD_KILL,

		/**
		 * {@code SIGSTOP} clamd for longer than the agent's read timeout, then SIGCONT.
		 */
		CLAMD_STOP,

		/** S3 answers PutObject 503 SlowDown. */
		PUT_SLOW_DOWN_503,

		/** S3 answers PutObject 500. */
		PUT_INTERNAL_ERROR_500,

		/** The PutObject answer's connection is reset mid-body: S3 may have stored it. */
		PUT_RESET_MID_BODY,

		/**
		 * The PutObject answer comes after the agent's attempt timeout: S3 has stored it.
		 */
		PUT_DELAY_PAST_TIMEOUT

	}

	/**
	 * One step.
	 *
	 * @param afterAnswers fires when this many requests have been answered
	 * @param action what it does
	 * @param times for an S3 fault, how many PutObject calls in a row fail
	 * @param hold how long clamd stays down or stopped
	 */
	record Step(int afterAnswers, Action action, int times, Duration hold) {

		@Override
		public String toString() {
			return "after " + this.afterAnswers + " answers: " + this.action
					+ ((this.times > 0) ? " x" + this.times : "")
					+ (this.hold.isZero() ? "" : " for " + this.hold.toMillis() + " ms");
		}

	}

	private FaultPlan() {
	}

	/**
	 * @param seed the run's seed
	 * @param requests how many requests the run sends
	 * @param each how many times each kind of fault comes
	 * @param readTimeout the agent's clamd read timeout, which a stopped clamd outlasts
	 */
	static List<Step> plan(long seed, int requests, int each, Duration readTimeout) {
		SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
		List<Step> steps = new ArrayList<>();
		int from = Math.max(1, requests / 10);
		int span = Math.max(1, requests * 8 / 10);
		for (Action action : Action.values()) {
			for (int i = 0; i < each; i++) {
				int at = from + random.nextInt(span);
				Duration hold = switch (action) {
					case CLAMD_KILL -> Duration.ofMillis(500 + random.nextInt(2500));
					case CLAMD_STOP -> readTimeout.plusMillis(1000 + random.nextInt(2000));
					default -> Duration.ZERO;
				};
				// A delayed answer holds its client past the agent's timeout: once per
				// step. A burst of 500s outlasts the SDK's attempts for some uploads, so
				// that S3 failing is answered too, not only retried away.
				int times = switch (action) {
					case CLAMD_KILL, CLAMD_STOP -> 0;
					case PUT_DELAY_PAST_TIMEOUT -> 1;
					case PUT_INTERNAL_ERROR_500 -> 12 + random.nextInt(13);
					default -> 1 + random.nextInt(8);
				};
				steps.add(new Step(at, action, times, hold));
			}
		}
		steps.sort(Comparator.comparingInt(Step::afterAnswers).thenComparing(Step::action));
		return List.copyOf(steps);
	}

}
