package dev.bucketwarden.bench.chaos.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The seeded fault schedule of the chaos run, drawn before it starts: when to kill an
 * event agent, kill clamd, stop clamd for longer than the engine's read timeout, and arm
 * each AWS fault kind on each operation. Times are offsets from the start of the drain;
 * the runner injects them in order and waits for each restart before the next process
 * fault, so a late schedule only stretches the run.
 *
 * @param faults every fault, in time order
 */
record FaultSchedule(List<Fault> faults) {

	/** The operations the fault-injecting proxy fails, as it names them. */
	static final List<String> OPERATIONS = List.of("s3:GetObject", "s3:HeadObject", "s3:PutObjectTagging",
			"s3:CopyObject", "s3:DeleteObject", "dynamodb:PutItem", "sqs:DeleteMessage");

	/** The proxy's fault kinds, by their enum names. */
	static final List<String> AWS_KINDS = List.of("SLOW_DOWN_503", "INTERNAL_ERROR_500", "RESET_MID_BODY",
			"DELAY_PAST_TIMEOUT");

	FaultSchedule {
		faults = faults.stream().sorted(Comparator.comparing(Fault::at)).toList();
	}

	/**
	 * Draws a schedule.
	 * @param seed the run's seed
	 * @param span the faults are spread over this time
	 * @param counts how many of each process fault and how many rounds of AWS faults
	 * @param agents how many event agents there are (kills alternate between them)
	 */
	static FaultSchedule draw(long seed, Duration span, Counts counts, int agents) {
		SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
		List<Fault> faults = new ArrayList<>();
		// Process faults in the first 85% of the span, so the last restart still sees
		// load.
		long window = span.toMillis() * 85 / 100;
		int firstAgent = random.nextInt(agents);
		for (int i = 0; i < counts.agentKills(); i++) {
			faults.add(new Fault(at(random, window), Action.KILL_AGENT, (firstAgent + i) % agents, null, null, 0));
		}
		for (int i = 0; i < counts.clamdKills(); i++) {
			faults.add(new Fault(at(random, window), Action.KILL_CLAMD, 0, null, null, 0));
		}
		for (int i = 0; i < counts.clamdStops(); i++) {
			faults.add(new Fault(at(random, window), Action.STOP_CLAMD, 0, null, null, 0));
		}
		for (int round = 0; round < counts.awsRounds(); round++) {
			for (String operation : OPERATIONS) {
				for (String kind : AWS_KINDS) {
					faults.add(new Fault(at(random, span.toMillis()), Action.AWS, 0, operation, kind,
							1 + random.nextInt(counts.awsTimesMax())));
				}
			}
		}
		return new FaultSchedule(faults);
	}

	private static Duration at(SplittableRandom random, long windowMillis) {
		return Duration.ofMillis(random.nextLong(Math.max(1, windowMillis)));
	}

	/** How many faults of each action the schedule holds. */
	Map<Action, Integer> countByAction() {
		Map<Action, Integer> counts = new TreeMap<>();
		this.faults.forEach((fault) -> counts.merge(fault.action(), 1, Integer::sum));
		return counts;
	}

	/**
	 * How many of each fault a run draws.
	 *
	 * @param agentKills {@code kill -9} of an event agent, each restarted
	 * @param clamdKills {@code kill -9} of clamd, each restarted
	 * @param clamdStops SIGSTOP of clamd past the engine's read timeout, then SIGCONT
	 * @param awsRounds how many times each AWS fault kind is armed on each operation
	 * @param awsTimesMax an armed fault fails up to this many requests
	 */
	record Counts(int agentKills, int clamdKills, int clamdStops, int awsRounds, int awsTimesMax) {

		/** The default run: more of everything than the issue asks for. */
		static final Counts DEFAULT = new Counts(6, 4, 2, 3, 3);

		/**
		 * {@code --short}: each fault at least once, AWS faults once per kind and
		 * operation.
		 */
		static final Counts SHORT = new Counts(2, 1, 1, 1, 1);

	}

	enum Action {

		KILL_AGENT, KILL_CLAMD, STOP_CLAMD, AWS

	}

	/**
	 * One fault.
	 *
	 * @param at when, from the start of the drain
	 * @param action what
	 * @param agent which event agent ({@link Action#KILL_AGENT})
	 * @param operation the AWS operation ({@link Action#AWS})
	 * @param kind the proxy's fault kind ({@link Action#AWS})
	 * @param times how many requests it fails ({@link Action#AWS})
	 */
	record Fault(Duration at, Action action, int agent, @Nullable String operation, @Nullable String kind, int times) {

		@Override
		public String toString() {
			String what = switch (this.action) {
				case KILL_AGENT -> "kill -9 event agent " + (this.agent + 1);
				case KILL_CLAMD -> "kill -9 clamd";
				case STOP_CLAMD -> "SIGSTOP clamd";
				case AWS -> this.kind + " on " + this.operation + " x" + this.times;
			};
			return String.format(java.util.Locale.ROOT, "+%6.1fs %s", this.at.toMillis() / 1000.0, what);
		}

	}

}
