package dev.bucketwarden.bench.event;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.bucketwarden.bench.support.AgentJit;
import dev.bucketwarden.bench.support.AgentMetrics;
import dev.bucketwarden.bench.support.AgentProcess;
import dev.bucketwarden.bench.support.BareInstreamClient;
import dev.bucketwarden.bench.support.BenchArgs;
import dev.bucketwarden.bench.support.BenchDir;
import dev.bucketwarden.bench.support.ConcurrentRun;
import dev.bucketwarden.bench.support.Pause;
import dev.bucketwarden.bench.support.ProcessCpu;
import dev.bucketwarden.bench.support.TestFiles;
import dev.bucketwarden.engine.clamav.ClamavSettings;

/**
 * {@code bin/bench event}: how much of clamd's throughput the event agent keeps, from S3
 * event to tagged object.
 * <p>
 * Starts the local stack ({@link EventStack}: clamd with its cache off and
 * {@code MaxThreads} = the agent's concurrency, S3Mock behind the S3 event relay,
 * ElasticMQ, DynamoDB Local) and writes random files of each size. Per size, a bare
 * INSTREAM client scans the files (same concurrency); then the files are put through the
 * relay into new protected buckets while no agent runs, so their events wait on the scan
 * queue, and a fresh agent JVM drains them ({@link AgentDrain#fresh}). Then one more
 * agent JVM is warmed up on every size ({@link AgentWarmUp}) and, per size, the files are
 * put once more while the relay holds their events back, which are then released at once
 * onto the queue of the running agent ({@link AgentDrain#warm}), again with new objects
 * until the agent's JIT has settled (the last drain is measured); the bare client scans
 * the files again after that. Every drain is checked: each object scanned exactly once
 * and Clean ({@link DrainCheck}), or the benchmark aborts. The bare figure is the mean of
 * the runs before and after, which brackets load that changes meanwhile.
 */
public final class EventBenchmark {

	/**
	 * A warm drain in which the JIT took at most this share of the agent's CPU is
	 * measured.
	 */
	private static final double SETTLED_DRAIN_JIT_SHARE = 0.10;

	private static final int MAX_WARM_DRAINS = 4;

	static final Duration QUIET_WAIT = Duration.ofSeconds(30);

	/** Time the whole benchmark may spend waiting for a quiet machine. */
	private static final Duration QUIET_BUDGET = Duration.ofSeconds(180);

	private static final Duration BARE_TIMEOUT = Duration.ofMinutes(15);

	/** Bare warm-up scans per size: clamd's code and the files in the page cache. */
	private static final int BARE_WARMUP = 100;

	private static final String BENCHMARK = "benchmark JVM";

	/** agent-core's {@code AwsRequestCounter.METRIC}. */
	private static final String AWS_REQUESTS = "bucketwarden.aws.requests";

	private final EventOptions options;

	private final PrintStream out;

	private long quietLeftNanos = QUIET_BUDGET.toNanos();

	/** The agent's AWS requests per drain, by size and mode ({@link #requestsKey}). */
	private final Map<String, Map<String, Double>> awsRequests = new LinkedHashMap<>();

	private EventBenchmark(EventOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	public static int run(String[] args) {
		return BenchArgs.run("event", args, EventOptions::parse, EventOptions::usage,
				(options) -> new EventBenchmark(options, System.out).execute());
	}

	private int execute() {
		long started = System.nanoTime();
		try (BenchDir dir = BenchDir.create(this.options.dir(), "bw-bench-event-", this.options.keepLogs(), this.out)) {
			try {
				return measure(dir.root(), started);
			}
			catch (CheckFailed ex) {
				abort(ex.getMessage(), ex.problems, dir.root());
				return 1;
			}
			catch (RuntimeException ex) {
				abort(ex.getMessage(), List.of(), dir.root());
				ex.printStackTrace(System.err);
				return 1;
			}
		}
	}

	private int measure(Path root, long started) {
		int concurrency = this.options.concurrency();
		this.out.println("Starting clamd (DisableCache yes, MaxThreads " + concurrency
				+ "), S3Mock behind the S3 event relay, ElasticMQ and DynamoDB Local ...");
		try (EventStack stack = EventStack.start(root.resolve("stack"), concurrency, this.options.signatures())) {
			EventReport report = new EventReport(this.out, this.options, stack.clamd.version());
			report.environment();
			this.options.signatures().print(this.out, stack.clamd);
			ProcessCpu cpu = new ProcessCpu();
			cpu.watch(BENCHMARK, ProcessHandle.current().pid());
			stack.pids().forEach(cpu::watch);
			int chunkSize = ClamavSettings.DEFAULTS.chunkSize();
			List<EventOptions.ObjectSet> sets = this.options.sets().stream().filter((set) -> set.count() > 0).toList();
			Map<EventOptions.ObjectSet, List<Path>> files = new LinkedHashMap<>();
			for (EventOptions.ObjectSet set : sets) {
				this.out.printf("Writing %d random files of %s ...%n", set.count(), set.label());
				files.put(set, TestFiles.generate(root.resolve("files-" + set.size()), "f", set.count(), set.size(),
						this.options.seed() + set.size()));
			}
			Map<EventOptions.ObjectSet, EventReport.BareRun> before = new LinkedHashMap<>();
			Map<EventOptions.ObjectSet, AgentDrain.Result> fresh = new LinkedHashMap<>();
			Map<EventOptions.ObjectSet, AgentDrain.Result> aot = new LinkedHashMap<>();
			List<String> starts = new ArrayList<>();
			FreshAgent plain = new FreshAgent("fresh", this.options.agentJar(), List.of());
			FreshAgent cached = null;
			if (this.options.fresh() && this.options.aot() != EventOptions.Aot.OFF) {
				this.out.printf("%nAOT cache (%s training)%n", this.options.aot().name().toLowerCase(Locale.ROOT));
				Path jar = AotTraining.extract(this.options.agentJar(), root.resolve("agent-extracted"));
				plain = new FreshAgent("fresh", jar, List.of());
				Path cache = train(stack, root, jar, sets.get(0), files.get(sets.get(0)));
				cached = new FreshAgent("aot", jar, AotTraining.useOptions(cache));
			}
			Map<EventOptions.ObjectSet, AgentDrain.Result> warm = new LinkedHashMap<>();
			Map<EventOptions.ObjectSet, EventReport.BareRun> after = new LinkedHashMap<>();
			for (EventOptions.ObjectSet set : sets) {
				this.out.printf("%n%s%n", set.label());
				List<Path> setFiles = files.get(set);
				ConcurrentRun.run(setFiles.subList(0, Math.min(setFiles.size(), BARE_WARMUP)), set.size(), concurrency,
						bare(stack, chunkSize), BARE_TIMEOUT);
				before.put(set, bareRun("before", setFiles, set, stack, chunkSize, cpu));
				if (this.options.fresh()) {
					fresh.put(set, freshDrain(stack, root, set, setFiles, cpu, plain, starts));
					if (cached != null) {
						aot.put(set, freshDrain(stack, root, set, setFiles, cpu, cached, starts));
					}
				}
			}
			if (this.options.warm()) {
				this.out.printf("%nWarm agent%n");
				try (AgentProcess agent = startAgent(stack, root, "warm")) {
					for (EventOptions.ObjectSet set : sets) {
						AgentWarmUp.scan(stack, agent, files.get(set), set, this.options, this.out);
					}
					AgentJit.awaitIdle(agent, this.out);
					try (AgentMetrics metrics = metrics(agent)) {
						for (EventOptions.ObjectSet set : sets) {
							this.out.printf("%s%n", set.label());
							warm.put(set, settledWarmDrain(stack, agent, metrics, set, files.get(set), cpu));
							after.put(set, bareRun("after", files.get(set), set, stack, chunkSize, cpu));
						}
					}
				}
			}
			else {
				for (EventOptions.ObjectSet set : sets) {
					after.put(set, bareRun("after", files.get(set), set, stack, chunkSize, cpu));
				}
			}
			List<EventReport.Row> rows = new ArrayList<>();
			for (EventOptions.ObjectSet set : sets) {
				if (fresh.containsKey(set)) {
					rows.add(new EventReport.Row(set, "fresh", fresh.get(set), before.get(set), after.get(set),
							this.awsRequests.getOrDefault(requestsKey(set, "fresh"), Map.of())));
				}
				if (aot.containsKey(set)) {
					rows.add(new EventReport.Row(set, "aot", aot.get(set), before.get(set), after.get(set),
							this.awsRequests.getOrDefault(requestsKey(set, "aot"), Map.of())));
				}
				if (warm.containsKey(set)) {
					rows.add(new EventReport.Row(set, "warm", warm.get(set), before.get(set), after.get(set),
							this.awsRequests.getOrDefault(requestsKey(set, "warm"), Map.of())));
				}
			}
			report.table(rows);
			if (!starts.isEmpty()) {
				this.out
					.printf("%nFresh agents: JVM launched -> first receive (wall), the agent's CPU until then, Spring's%n"
							+ "own start-up figure, and the agent's CPU per object over the drain (and with the start-up)%n");
				starts.forEach(this.out::println);
			}
			this.out.printf("%nTotal time %.0f s%n", (System.nanoTime() - started) / 1e9);
			return 0;
		}
	}

	/**
	 * A new agent JVM drains the set's backlog from the scan queue; stopped after. Adds
	 * its start-up line to {@code starts}.
	 */
	private AgentDrain.Result freshDrain(EventStack stack, Path root, EventOptions.ObjectSet set, List<Path> files,
			ProcessCpu cpu, FreshAgent how, List<String> starts) {
		String prefix = how.name() + "/" + AgentWarmUp.bucketLabel(set) + "/";
		List<Uploads.Uploaded> objects = upload(stack, "bw-" + how.name() + "-" + AgentWarmUp.bucketLabel(set), prefix,
				files, set, false);
		awaitQuiet(cpu);
		Map<String, String> properties = new LinkedHashMap<>(stack.agentProperties(this.options.concurrency()));
		properties.putAll(AgentMetrics.PROPERTIES);
		try (AgentProcess agent = AgentProcess.start(how.jar(), jvmOptions(how.jvmOptions()), properties,
				root.resolve("agent-" + how.name() + "-" + AgentWarmUp.bucketLabel(set) + ".log"))) {
			AgentDrain.Result drain = AgentDrain.fresh(stack, agent, prefix, objects.size(), cpu,
					Duration.ofMinutes(this.options.drainTimeoutMinutes()));
			double total = agent.cpuSeconds();
			this.out.printf("  %-5s agent           %s%n", how.name(), EventReport.describe(drain, set));
			// Read after the drain, so attaching costs the drain nothing: since the
			// start.
			try (AgentMetrics metrics = metrics(agent)) {
				this.awsRequests.put(requestsKey(set, how.name()), requests(metrics));
			}
			check(stack, prefix, objects, drain, set.label() + ", " + how.name() + " agent");
			this.out.println("  checked: each object scanned once, Clean, tagged, recorded, one finding");
			String start = FreshStart.describe(set, how.name(), agent, drain, total);
			this.out.println(start);
			starts.add(start);
			return drain;
		}
	}

	/**
	 * The AOT cache's training run ({@link AotTraining}) with the extracted jar: the
	 * workload training scans {@code --aot-training-count} objects of the first size.
	 */
	private Path train(EventStack stack, Path root, Path jar, EventOptions.ObjectSet set, List<Path> files) {
		Path cache = root.resolve("event-agent.aot");
		Map<String, String> properties = stack.agentProperties(this.options.concurrency());
		long started = System.nanoTime();
		if (this.options.aot() == EventOptions.Aot.STARTUP) {
			return AotTraining.startupTraining(jar, jvmOptions(List.of()), properties, cache,
					root.resolve("agent-aot-training.log"), this.out);
		}
		int count = Math.min(files.size(), this.options.aotTrainingCount());
		String prefix = "aot-training/" + AgentWarmUp.bucketLabel(set) + "/";
		List<Uploads.Uploaded> objects = upload(stack, "bw-aot-training-" + AgentWarmUp.bucketLabel(set), prefix,
				files.subList(0, count), set, false);
		AgentProcess agent = AgentProcess.start(jar, jvmOptions(AotTraining.trainingOptions(cache)), properties,
				root.resolve("agent-aot-training.log"));
		try (agent) {
			AgentDrain.awaitFindings(stack, agent, objects.size(),
					Duration.ofMinutes(this.options.drainTimeoutMinutes()));
			AgentDrain.awaitAcknowledged(stack);
			Uploads.clearQueue(stack.sqs, stack.findingsQueueUrl());
			return AotTraining.finishWorkloadTraining(agent, cache, started, objects.size(), this.out);
		}
	}

	/**
	 * How a fresh agent runs.
	 *
	 * @param name its row in the report
	 * @param jar its executable or extracted jar
	 * @param jvmOptions its JVM options besides the heap and {@code --agent-java-options}
	 */
	private record FreshAgent(String name, Path jar, List<String> jvmOptions) {
	}

	/** The running, warmed-up agent drains the set's events, released at once. */
	/**
	 * Warm drains of the set until one has the agent's JIT at most
	 * {@link #SETTLED_DRAIN_JIT_SHARE} of its CPU (at most {@link #MAX_WARM_DRAINS}); the
	 * last one is the measurement. The warm-up batches alone left the JIT at a third to a
	 * half of the agent's CPU during the drains that followed (the drains' bursts and the
	 * other sizes' code paths compile more), which measured a compiling agent.
	 */
	private AgentDrain.Result settledWarmDrain(EventStack stack, AgentProcess agent, AgentMetrics metrics,
			EventOptions.ObjectSet set, List<Path> files, ProcessCpu cpu) {
		AgentDrain.Result drain = null;
		for (int round = 1; round <= MAX_WARM_DRAINS; round++) {
			drain = warmDrain(stack, agent, metrics, set, files, cpu, round);
			double jit = drain.agentThreads().getOrDefault("JIT", 0.0);
			boolean settled = jit <= SETTLED_DRAIN_JIT_SHARE;
			this.out.printf(Locale.ROOT, "  drain %d: JIT %.0f%% of the agent's CPU%s%n", round, 100 * jit,
					settled ? ": measured" : (round < MAX_WARM_DRAINS) ? ": again" : ": measured (the last drain)");
			if (settled) {
				break;
			}
		}
		return drain;
	}

	private AgentDrain.Result warmDrain(EventStack stack, AgentProcess agent, AgentMetrics metrics,
			EventOptions.ObjectSet set, List<Path> files, ProcessCpu cpu, int round) {
		String prefix = "warm" + round + "/" + AgentWarmUp.bucketLabel(set) + "/";
		List<Uploads.Uploaded> objects = upload(stack, "bw-warm" + round + "-" + AgentWarmUp.bucketLabel(set), prefix,
				files, set, true);
		List<String> events = stack.heldEvents();
		awaitQuiet(cpu);
		Map<String, Double> requestsBefore = requests(metrics);
		AgentDrain.Result drain = AgentDrain.warm(stack, agent, events, prefix, cpu,
				Duration.ofMinutes(this.options.drainTimeoutMinutes()));
		this.awsRequests.put(requestsKey(set, "warm"), difference(requestsBefore, requests(metrics)));
		this.out.printf("  warm agent            %s%n", EventReport.describe(drain, set));
		check(stack, prefix, objects, drain, set.label() + ", warm agent");
		this.out.println("  checked: each object scanned once, Clean, tagged, recorded, one finding");
		return drain;
	}

	/**
	 * Puts the files through the relay into new buckets and waits for their events: on
	 * the scan queue, or held back by the relay.
	 */
	private List<Uploads.Uploaded> upload(EventStack stack, String bucketName, String prefix, List<Path> files,
			EventOptions.ObjectSet set, boolean hold) {
		int perBucket = this.options.objectsPerBucket();
		List<String> buckets = stack.createBuckets(bucketName, (files.size() + perBucket - 1) / perBucket,
				this.options.versioned());
		if (hold) {
			stack.holdEvents();
		}
		long started = System.nanoTime();
		List<Uploads.Uploaded> objects = Uploads.put(stack.uploads, buckets, perBucket, prefix, files, set.size(),
				this.options.uploadThreads(), Duration.ofMinutes(30));
		if (hold) {
			Uploads.awaitHeld(stack, objects.size());
		}
		else {
			Uploads.awaitEvents(stack.sqs, stack.scanQueueUrl(), objects.size());
		}
		this.out.printf(Locale.ROOT, "  %d objects put into %d bucket(s) through the relay in %.1f s; events %s%n",
				objects.size(), buckets.size(), (System.nanoTime() - started) / 1e9,
				hold ? "held back by the relay" : "waiting on the scan queue");
		return objects;
	}

	private AgentProcess startAgent(EventStack stack, Path root, String name) {
		Map<String, String> properties = new LinkedHashMap<>(stack.agentProperties(this.options.concurrency()));
		properties.putAll(AgentMetrics.PROPERTIES);
		return AgentProcess.start(this.options.agentJar(), jvmOptions(List.of()), properties,
				root.resolve("agent-" + name + ".log"));
	}

	private static String requestsKey(EventOptions.ObjectSet set, String mode) {
		return set.label() + " " + mode;
	}

	/** The agent's metrics, or {@code null} (and a line saying why) when unreachable. */
	private AgentMetrics metrics(AgentProcess agent) {
		try {
			return AgentMetrics.connect(agent.pid());
		}
		catch (RuntimeException ex) {
			this.out.println("  (the agent's AWS request counts cannot be read: " + ex.getMessage() + ")");
			return null;
		}
	}

	/** The agent's AWS request counts so far, by tags; empty without metrics. */
	private static Map<String, Double> requests(AgentMetrics metrics) {
		return (metrics != null) ? metrics.counts(AWS_REQUESTS, List.of("service", "operation", "attempt")) : Map.of();
	}

	private static Map<String, Double> difference(Map<String, Double> before, Map<String, Double> after) {
		Map<String, Double> difference = new LinkedHashMap<>();
		after.forEach((tags, count) -> {
			double made = count - before.getOrDefault(tags, 0.0);
			if (made > 0) {
				difference.put(tags, made);
			}
		});
		return difference;
	}

	private static void check(EventStack stack, String prefix, List<Uploads.Uploaded> objects, AgentDrain.Result drain,
			String what) {
		List<String> problems = DrainCheck.problems(stack, prefix, objects, drain);
		if (!problems.isEmpty()) {
			throw new CheckFailed("Not every object was scanned exactly once and found Clean (" + what + ").",
					problems);
		}
	}

	private List<String> jvmOptions(List<String> more) {
		List<String> options = new ArrayList<>();
		options.add("-Xmx" + this.options.agentHeap());
		options.addAll(more);
		options.addAll(this.options.agentJavaOptions());
		return options;
	}

	private EventReport.BareRun bareRun(String when, List<Path> files, EventOptions.ObjectSet set, EventStack stack,
			int chunkSize, ProcessCpu cpu) {
		awaitQuiet(cpu);
		ProcessCpu.Sample before = cpu.sample();
		ConcurrentRun.Result result = ConcurrentRun.run(files, set.size(), this.options.concurrency(),
				bare(stack, chunkSize), BARE_TIMEOUT);
		ProcessCpu.Usage usage = ProcessCpu.between(before, cpu.sample());
		if (result.failures() > 0) {
			throw new IllegalStateException("Bare clamd: " + result.failures() + " of " + result.files()
					+ " scans did not end clean: " + result.failureSamples());
		}
		EventReport.BareRun run = new EventReport.BareRun(result, usage);
		this.out.printf("  bare clamd (%-6s)   %s%n", when, run);
		return run;
	}

	private static ConcurrentRun.ScannerFactory bare(EventStack stack, int chunkSize) {
		return () -> {
			BareInstreamClient client = new BareInstreamClient(stack.clamd.port(), chunkSize);
			return (file) -> {
				String reply = client.scan(file);
				return reply.equals("stream: OK") ? null : "clamd replied '" + reply + "'";
			};
		};
	}

	/**
	 * Waits (up to {@link #QUIET_WAIT}) until other processes use at most
	 * {@code --max-others-cpu} of the machine, so a run starts on a quiet machine when
	 * there is one; gives up for good once {@link #QUIET_BUDGET} is spent.
	 */
	private void awaitQuiet(ProcessCpu cpu) {
		if (this.options.maxOthersCpu() >= 1 || this.quietLeftNanos <= 0) {
			return;
		}
		long start = System.nanoTime();
		boolean told = false;
		while (System.nanoTime() - start < QUIET_WAIT.toNanos()) {
			ProcessCpu.Sample before = cpu.sample();
			Pause.sleep(Duration.ofMillis(500));
			ProcessCpu.Usage usage = ProcessCpu.between(before, cpu.sample());
			if (usage == null || usage.others() <= this.options.maxOthersCpu()) {
				break;
			}
			if (!told) {
				this.out.printf(Locale.ROOT, "  (other processes use %.0f%% of the machine: waiting up to %d s)%n",
						100 * usage.others(), QUIET_WAIT.toSeconds());
				told = true;
			}
		}
		this.quietLeftNanos -= System.nanoTime() - start;
		if (this.quietLeftNanos <= 0) {
			this.out.println("  (spent " + QUIET_BUDGET.toSeconds()
					+ " s waiting for a quiet machine: measuring as it comes from now on)");
		}
	}

	private void abort(String message, List<String> problems, Path root) {
		System.err.println();
		System.err.println("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
		System.err.println("EVENT BENCHMARK ABORTED: " + message);
		problems.forEach((problem) -> System.err.println("  " + problem));
		if (!this.options.keepLogs()) {
			System.err.println("(run again with --keep-logs to keep the agent's and the servers' logs under "
					+ root.getParent() + ")");
		}
		System.err.println("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
	}

	/** Some object was not scanned exactly once, or not found Clean. */
	private static final class CheckFailed extends RuntimeException {

		private final List<String> problems;

		CheckFailed(String message, List<String> problems) {
			super(message);
			this.problems = List.copyOf(problems);
		}

	}

}
