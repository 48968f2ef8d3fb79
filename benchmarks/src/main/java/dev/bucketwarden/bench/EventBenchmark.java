package dev.bucketwarden.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.bucketwarden.engine.clamav.ClamavSettings;

/**
 * {@code bin/bench event}: how much of clamd's throughput the event agent keeps, from S3
 * event to tagged object.
 * <p>
 * Starts the local stack (clamd with its cache off and {@code MaxThreads} = the agent's
 * concurrency, S3Mock behind the S3 event relay, ElasticMQ, DynamoDB Local). For each
 * size it writes random files, scans them with a bare INSTREAM client (same concurrency),
 * puts them into the protected bucket through the relay with the agent stopped, so the
 * events wait on the scan queue, then starts the agent in its own JVM and times the drain
 * from its first receive to the last object tagged ({@link AgentDrain}). It checks that
 * every object was scanned exactly once and is Clean ({@link DrainCheck}), aborting
 * otherwise, and scans the files bare once more. The bare figure is the mean of the runs
 * before and after the drain, which brackets load that changes meanwhile.
 */
final class EventBenchmark {

	static final Duration QUIET_WAIT = Duration.ofSeconds(30);

	/** Time the whole benchmark may spend waiting for a quiet machine. */
	private static final Duration QUIET_BUDGET = Duration.ofSeconds(180);

	private static final Duration BARE_TIMEOUT = Duration.ofMinutes(15);

	/** Bare warm-up scans per size: clamd's code and the files in the page cache. */
	private static final int BARE_WARMUP = 100;

	private static final String BENCHMARK = "benchmark JVM";

	private final EventOptions options;

	private final PrintStream out;

	private long quietLeftNanos = QUIET_BUDGET.toNanos();

	private EventBenchmark(EventOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	static int run(String[] args) {
		EventOptions options;
		try {
			options = EventOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("bin/bench event: " + ex.getMessage());
			System.err.println();
			EventOptions.usage(System.err);
			return 2;
		}
		if (options == null) {
			EventOptions.usage(System.out);
			return 0;
		}
		return new EventBenchmark(options, System.out).execute();
	}

	private int execute() {
		long started = System.nanoTime();
		Path root;
		try {
			Files.createDirectories(this.options.dir());
			root = Files.createTempDirectory(this.options.dir(), "bw-bench-event-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a temp dir in " + this.options.dir(), ex);
		}
		Thread cleanup = new Thread(() -> TestFiles.deleteTree(root), "bench-cleanup");
		if (!this.options.keepLogs()) {
			Runtime.getRuntime().addShutdownHook(cleanup);
		}
		try {
			return measure(root, started);
		}
		catch (RuntimeException ex) {
			abort(ex.getMessage(), List.of(), root);
			ex.printStackTrace(System.err);
			return 1;
		}
		finally {
			if (this.options.keepLogs()) {
				this.out.println("Logs kept in " + root);
			}
			else {
				TestFiles.deleteTree(root);
				try {
					Runtime.getRuntime().removeShutdownHook(cleanup);
				}
				catch (IllegalStateException ex) {
					// shutting down: the hook runs anyway
				}
			}
		}
	}

	private int measure(Path root, long started) {
		int concurrency = this.options.concurrency();
		this.out.println("Starting clamd (DisableCache yes, MaxThreads " + concurrency
				+ "), S3Mock behind the S3 event relay, ElasticMQ and DynamoDB Local ...");
		try (EventStack stack = EventStack.start(root.resolve("stack"), concurrency)) {
			EventReport report = new EventReport(this.out, this.options, stack.clamd.version());
			report.environment();
			ProcessCpu cpu = new ProcessCpu();
			cpu.watch(BENCHMARK, ProcessHandle.current().pid());
			stack.pids().forEach(cpu::watch);
			int chunkSize = ClamavSettings.DEFAULTS.chunkSize();
			List<EventReport.Row> rows = new ArrayList<>();
			for (EventOptions.ObjectSet set : this.options.sets()) {
				if (set.count() == 0) {
					continue;
				}
				String label = set.label();
				this.out.printf("%n%s: writing %d random files ...%n", label, set.count());
				List<Path> files = TestFiles.generate(root.resolve("files-" + set.size()), "f", set.count(), set.size(),
						this.options.seed() + set.size());
				ConcurrentRun.run(files.subList(0, Math.min(files.size(), BARE_WARMUP)), set.size(), concurrency,
						bare(stack, chunkSize), BARE_TIMEOUT);
				EventReport.BareRun before = bareRun(files, set, stack, chunkSize, cpu);
				this.out.printf("  bare clamd (before)   %s%n", before);

				String prefix = "bench/" + label.replace(" ", "").toLowerCase(Locale.ROOT) + "/";
				long putStart = System.nanoTime();
				List<Uploads.Uploaded> objects = Uploads.put(stack.uploads, EventStack.BUCKET, prefix, files,
						set.size(), this.options.uploadThreads(), Duration.ofMinutes(30));
				Uploads.awaitEvents(stack.sqs, stack.scanQueueUrl(), objects.size());
				this.out.printf(Locale.ROOT,
						"  %d objects put through the relay in %.1f s; %d events on the scan queue%n", objects.size(),
						(System.nanoTime() - putStart) / 1e9, objects.size());

				awaitQuiet(cpu);
				AgentDrain.AgentLaunch launch = new AgentDrain.AgentLaunch(this.options.agentJar(),
						List.of("-Xmx" + this.options.agentHeap()), stack.agentProperties(concurrency),
						root.resolve("agent-" + set.size() + ".log"));
				AgentDrain.Result drain = AgentDrain.run(stack, launch, prefix, objects.size(), cpu,
						Duration.ofMinutes(this.options.drainTimeoutMinutes()));
				this.out.printf("  event agent           %s%n", EventReport.describe(drain, set));
				List<String> problems = DrainCheck.problems(stack, objects, drain);
				if (!problems.isEmpty()) {
					abort("Not every object was scanned exactly once and found Clean (" + label + ").", problems, root);
					return 1;
				}
				this.out.println("  checked: every object scanned exactly once, Clean, tagged, recorded, published");

				EventReport.BareRun after = bareRun(files, set, stack, chunkSize, cpu);
				this.out.printf("  bare clamd (after)    %s%n", after);
				rows.add(new EventReport.Row(set, drain, before, after));
				TestFiles.deleteTree(files.getFirst().getParent());
			}
			report.table(rows);
			this.out.printf("%nTotal time %.0f s%n", (System.nanoTime() - started) / 1e9);
			return 0;
		}
	}

	private EventReport.BareRun bareRun(List<Path> files, EventOptions.ObjectSet set, EventStack stack, int chunkSize,
			ProcessCpu cpu) {
		awaitQuiet(cpu);
		ProcessCpu.Sample before = cpu.sample();
		ConcurrentRun.Result result = ConcurrentRun.run(files, set.size(), this.options.concurrency(),
				bare(stack, chunkSize), BARE_TIMEOUT);
		ProcessCpu.Usage usage = ProcessCpu.between(before, cpu.sample());
		if (result.failures() > 0) {
			throw new IllegalStateException("Bare clamd: " + result.failures() + " of " + result.files()
					+ " scans did not end clean: " + result.failureSamples());
		}
		return new EventReport.BareRun(result, usage);
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
			Uploads.sleep(Duration.ofMillis(500));
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

}
