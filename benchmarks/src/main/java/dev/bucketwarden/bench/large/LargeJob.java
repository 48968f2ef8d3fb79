package dev.bucketwarden.bench.large;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.bench.chaos.MemorySampler;
import dev.bucketwarden.bench.event.EventStack;
import dev.bucketwarden.bench.support.AgentProcess;
import dev.bucketwarden.bench.support.Pause;
import dev.bucketwarden.bench.support.ProcessCpu;

/**
 * The job path: {@code workers} event agents, each a JVM of its own with the chaos run's
 * heap, listening to the scan queue and the large-object queue. The object's S3 event is
 * sent to the scan queue; the agent that takes it plans the job and enqueues its parts,
 * which both agents then scan. When {@code killAt} of the parts are recorded done, agent
 * 1 is killed with SIGKILL and started again: the part it held comes back through the
 * queue's visibility timeout. Timed from the event sent to the final record read.
 */
final class LargeJob {

	/** The large-object queue of the run (the local stack's name). */
	static final String LARGE_QUEUE = "bucketwarden-large-objects";

	/**
	 * The large-object queue's visibility timeout, also the agents' setting: a killed
	 * agent's part comes back after it, while a working agent extends it every half of it
	 * as long as it scans. Short, so the killed part does not wait long at the end of the
	 * run (at 30 s it was the largest single loss of a 9-part run); AWS's queue uses 5
	 * minutes, where the wait is small beside a 5 TB job.
	 */
	static final Duration VISIBILITY = Duration.ofSeconds(10);

	private static final String STARTED = "Started EventAgentApplication";

	/**
	 * How an agent logs a part it starts to scan (agent-core's PartWorker: "Scanning
	 * s3://... part 3 of 81: bytes ..."); the part's index is group 1.
	 */
	static final Pattern PART_SCANNED = Pattern.compile(" part (\\d+) of \\d+: bytes ");

	/** The time of a JSON log line. */
	private static final Pattern TIMESTAMP = Pattern.compile("\"@timestamp\":\"([^\"]+)\"");

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private static final Duration POLL = Duration.ofMillis(500);

	private final LargeOptions options;

	private final EventStack stack;

	private final Path logs;

	private final PrintStream out;

	private final AgentProcess[] current;

	private final int[] incarnations;

	private final List<AgentProcess> all = new ArrayList<>();

	private final Map<String, String> settings;

	LargeJob(LargeOptions options, EventStack stack, Path logs, PrintStream out) {
		this.options = options;
		this.stack = stack;
		this.logs = logs;
		this.out = out;
		this.current = new AgentProcess[options.workers()];
		this.incarnations = new int[options.workers()];
		this.settings = settings(options, stack);
	}

	/**
	 * The agents' settings: the stack's, one scan at a time each, and the large-object
	 * job.
	 */
	static Map<String, String> settings(LargeOptions options, EventStack stack) {
		Map<String, String> settings = new LinkedHashMap<>(stack.agentProperties(1));
		settings.put("bucketwarden.engines.clamav.stream-max-length", streamMaxLength(options) + "B");
		settings.put("bucketwarden.buckets.defaults.max-size", "5TB");
		settings.put("bucketwarden.large-objects.queue-url", stack.elasticmq.queueUrl(LARGE_QUEUE));
		settings.put("bucketwarden.large-objects.window", options.window() + "B");
		settings.put("bucketwarden.large-objects.overlap", options.overlap() + "B");
		// One part at a time per agent: the workers are the agents, as in the bare run's
		// streams.
		settings.put("bucketwarden.large-objects.concurrency", "1");
		settings.put("bucketwarden.large-objects.visibility-timeout", VISIBILITY.toSeconds() + "s");
		settings.put("bucketwarden.large-objects.max-attempts", Integer.toString(EventStack.MAX_ATTEMPTS));
		// A clamd that reads a 256 MiB window under load answers after minutes, not
		// seconds.
		settings.put("bucketwarden.engines.clamav.read-timeout", "10m");
		return settings;
	}

	/**
	 * clamd's and the agents' stream limit: the stack's 300 MiB, or the window if larger.
	 */
	static long streamMaxLength(LargeOptions options) {
		return Math.max(300 * LargeOptions.MIB, options.window());
	}

	/**
	 * Runs the job.
	 * @param event the object's S3 event, as the relay made it
	 * @param cpu the CPU accounting, the agents are added to it
	 */
	Result run(String event, JobState state, ProcessCpu cpu) {
		for (int i = 0; i < this.current.length; i++) {
			start(i);
		}
		try {
			for (int i = 0; i < this.current.length; i++) {
				awaitStarted(i);
				cpu.watch(name(i) + " #1", this.current[i].pid());
			}
			try (MemorySampler memory = MemorySampler.start(this::pids, Duration.ofSeconds(2))) {
				return timed(event, state, cpu, memory);
			}
		}
		finally {
			for (AgentProcess agent : this.current) {
				if (agent != null) {
					agent.close();
				}
			}
		}
	}

	private Result timed(String event, JobState state, ProcessCpu cpu, MemorySampler memory) {
		ProcessCpu.Sample before = cpu.sample();
		long started = System.nanoTime();
		this.stack.sqs.sendMessage((request) -> request.queueUrl(this.stack.scanQueueUrl()).messageBody(event));
		long deadline = started + Duration.ofMinutes(this.options.timeoutMinutes()).toNanos();
		Optional<JobState.Record> record = Optional.empty();
		@Nullable Kill kill = null;
		int lastDone = -1;
		long lastPrint = 0;
		while (System.nanoTime() < deadline) {
			record = state.record();
			if (record.isPresent()) {
				break;
			}
			Optional<JobState.Job> job = state.job();
			if (job.isPresent()) {
				JobState.Job progress = job.get();
				if (kill == null && this.options.killAt() > 0 && this.current.length > 1
						&& progress.done() >= Math.ceil(this.options.killAt() * progress.parts())) {
					kill = kill(0, progress, started);
					cpu.watch(name(0) + " #" + this.incarnations[0], this.current[0].pid());
				}
				if (progress.done() != lastDone && System.nanoTime() - lastPrint > 10e9) {
					this.out.printf(Locale.ROOT, "  %5.0f s  %d of %d parts done, %s%n",
							(System.nanoTime() - started) / 1e9, progress.done(), progress.parts(), progress.state());
					lastDone = progress.done();
					lastPrint = System.nanoTime();
				}
			}
			List<String> exits = unexpectedExits();
			if (!exits.isEmpty()) {
				throw new IllegalStateException(String.join("\n", exits));
			}
			Pause.sleep(POLL);
		}
		long nanos = System.nanoTime() - started;
		ProcessCpu.Usage usage = ProcessCpu.between(before, cpu.sample());
		if (record.isEmpty()) {
			throw new IllegalStateException("No final record within " + this.options.timeoutMinutes()
					+ " minutes; the job: " + state.job().map(Object::toString).orElse("none"));
		}
		return new Result(nanos, record.get(), state.job(), kill, partScans(), partSeconds(), memory.peaks(), usage);
	}

	private Kill kill(int index, JobState.Job progress, long started) {
		AgentProcess agent = this.current[index];
		long pid = agent.pid();
		double at = (System.nanoTime() - started) / 1e9;
		agent.kill();
		this.out.printf(Locale.ROOT, "  %5.0f s  %d of %d parts done: killed %s (PID %d, SIGKILL), starting it again%n",
				at, progress.done(), progress.parts(), name(index), pid);
		start(index);
		awaitStarted(index);
		double restarted = (System.nanoTime() - started) / 1e9;
		this.out.printf(Locale.ROOT, "  %5.0f s  %s started again (PID %d)%n", restarted, name(index),
				this.current[index].pid());
		return new Kill(progress.done(), progress.parts(), at, restarted);
	}

	private void start(int index) {
		this.incarnations[index]++;
		AgentProcess agent = AgentProcess.start(this.options.agentJar(), List.of("-Xmx" + this.options.agentHeap()),
				this.settings,
				this.logs.resolve("event-agent-" + (index + 1) + "." + this.incarnations[index] + ".log"));
		this.current[index] = agent;
		this.all.add(agent);
	}

	private void awaitStarted(int index) {
		AgentProcess agent = this.current[index];
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (agent.logLines().stream().anyMatch((line) -> line.contains(STARTED))) {
				return;
			}
			agent.checkAlive();
			Pause.sleep(POLL);
		}
		throw new IllegalStateException(name(index) + " did not start within " + START_TIMEOUT.toSeconds()
				+ " s; the end of " + agent.log() + ":\n" + agent.logTail());
	}

	private synchronized Map<String, Long> pids() {
		Map<String, Long> pids = new LinkedHashMap<>();
		for (int i = 0; i < this.current.length; i++) {
			pids.put(name(i), this.current[i].pid());
		}
		return pids;
	}

	private List<String> unexpectedExits() {
		List<String> exits = new ArrayList<>();
		for (int i = 0; i < this.current.length; i++) {
			if (!this.current[i].isAlive()) {
				exits.add(name(i) + " exited by itself; the end of " + this.current[i].log() + ":\n"
						+ this.current[i].logTail());
			}
		}
		return exits;
	}

	/** How many times each part was scanned, over every agent's every incarnation. */
	private Map<Integer, Integer> partScans() {
		Map<Integer, Integer> scans = new HashMap<>();
		for (AgentProcess agent : this.all) {
			for (String line : agent.logLines()) {
				Matcher matcher = PART_SCANNED.matcher(line);
				if (matcher.find()) {
					scans.merge(Integer.parseInt(matcher.group(1)), 1, Integer::sum);
				}
			}
		}
		return scans;
	}

	/**
	 * How long parts took: for each agent's JVM, the time between one part scan's start
	 * and its next (one part at a time per agent), from the log lines' timestamps. A
	 * JVM's last part has no next start and is left out, and so is a killed one's.
	 */
	private List<Double> partSeconds() {
		List<Double> seconds = new ArrayList<>();
		for (AgentProcess agent : this.all) {
			seconds.addAll(gaps(agent.logLines()));
		}
		return seconds;
	}

	/** The seconds between consecutive part starts in one agent's log lines. */
	static List<Double> gaps(List<String> lines) {
		List<Double> gaps = new ArrayList<>();
		Instant previous = null;
		for (String line : lines) {
			Matcher time = TIMESTAMP.matcher(line);
			if (PART_SCANNED.matcher(line).find() && time.find()) {
				Instant at = Instant.parse(time.group(1));
				if (previous != null) {
					gaps.add(Duration.between(previous, at).toNanos() / 1e9);
				}
				previous = at;
			}
		}
		return gaps;
	}

	private static String name(int index) {
		return "event agent " + (index + 1);
	}

	/**
	 * When an agent was killed.
	 *
	 * @param done parts done then
	 * @param parts parts in all
	 * @param atSeconds since the event was sent
	 * @param restartedSeconds when its new JVM had started
	 */
	record Kill(int done, int parts, double atSeconds, double restartedSeconds) {
	}

	/**
	 * The job run.
	 *
	 * @param nanos event sent to final record read
	 * @param record the final record
	 * @param job the job item at the end
	 * @param kill the kill, or null when none was made
	 * @param partScans scans per part index, from the agents' logs
	 * @param partSeconds how long parts took ({@link #partSeconds()})
	 * @param memory each agent's largest heap and RSS samples
	 * @param cpu what the machine did meanwhile, or null
	 */
	record Result(long nanos, JobState.Record record, Optional<JobState.Job> job, @Nullable Kill kill,
			Map<Integer, Integer> partScans, List<Double> partSeconds, Map<String, MemorySampler.Peak> memory,
			ProcessCpu.@Nullable Usage cpu) {

		double seconds() {
			return this.nanos / 1e9;
		}

		/** Parts scanned more than once (a redelivery after the kill). */
		int scannedTwice() {
			return (int) this.partScans.values().stream().filter((n) -> n > 1).count();
		}

	}

}
