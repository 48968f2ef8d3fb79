package dev.bucketwarden.bench.chaos.event;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import software.amazon.awssdk.services.sqs.model.Message;

import dev.bucketwarden.bench.chaos.ChaosOptions;
import dev.bucketwarden.bench.chaos.MemorySampler;
import dev.bucketwarden.bench.chaos.WorkDirectory;
import dev.bucketwarden.bench.event.EventStack;
import dev.bucketwarden.bench.support.Pause;
import dev.bucketwarden.bench.support.SignatureSet;
import dev.bucketwarden.local.aws.S3Buckets;

/**
 * The event pipeline's chaos run (docs/reliability.md): the local stack, two event agents
 * and a retro job under a seeded load while agents and clamd are killed, clamd stopped
 * and AWS calls failed on a seeded schedule; then every invariant over every version, the
 * dead-letter queue redriven and everything checked again. Prints the table and each
 * violation.
 */
public final class EventChaos {

	private static final Pattern SCANNED = Pattern.compile("Scanned s3://");

	private static final Pattern FAILED_ATTEMPT = Pattern.compile("Attempt \\d+ of \\d+ failed");

	private static final int AGENTS = 2;

	private static final int CONCURRENCY = 4;

	/** The engine's read timeout in the run: clamd stays stopped longer than this. */
	private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration POLL = Duration.ofSeconds(2);

	private final EventChaosOptions options;

	private final PrintStream out;

	private final Path dir;

	private EventChaos(EventChaosOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
		this.dir = options.common().workDir().resolve("event");
	}

	/** Runs the part; returns the number of violations it found. */
	public static long run(ChaosOptions options) {
		return new EventChaos(EventChaosOptions.of(options), System.out).run();
	}

	private long run() {
		long seed = this.options.common().seed();
		LoadPlan plan = LoadPlan.draw(seed, this.options.keys(), this.options.largest());
		FaultSchedule schedule = FaultSchedule.draw(seed, this.options.span(), this.options.counts(), AGENTS);
		WorkDirectory.fresh(this.dir);
		write(this.dir.resolve("schedule.txt"), schedule.faults().stream().map(Object::toString).toList());
		this.out.printf(Locale.ROOT,
				"event part: %,d keys (%,d versions: %,d clean, %,d infected, %,d unscannable), "
						+ "pause-intake %s, %d faults scheduled over %d s, in %s%n",
				plan.items().size(), plan.versions(), plan.count(Expected.CLEAN), plan.count(Expected.INFECTED),
				plan.count(Expected.UNSCANNABLE), this.options.pauseIntake(), schedule.faults().size(),
				this.options.span().toSeconds(), this.dir);
		SignatureSet tiny = new SignatureSet(SignatureSet.Size.TINY, SignatureSet.defaults().seed());
		try (EventStack stack = EventStack.start(this.dir.resolve("stack"), CONCURRENCY, tiny)) {
			return run(stack, plan, schedule);
		}
	}

	private long run(EventStack stack, LoadPlan plan, FaultSchedule schedule) {
		stack.createBuckets(LoadPlan.VERSIONED, LoadPlan.BUCKETS_PER_KIND, true);
		stack.createBuckets(LoadPlan.UNVERSIONED, LoadPlan.BUCKETS_PER_KIND, false);
		S3Buckets.createVersioned(stack.s3, LoadPlan.QUARANTINE);
		stack.s3.createBucket((request) -> request.bucket(LoadPlan.RETRO));
		LoadWriter writer = new LoadWriter(stack.uploads, stack.s3);
		// Before protection: written straight to S3Mock, no events; the retro job finds
		// them.
		writer.write(plan.items(), (item) -> item.bucket().equals(LoadPlan.RETRO));
		Path logs = this.dir.resolve("logs");
		List<String> violations = new ArrayList<>();
		try (AwsFaults aws = AwsFaults.start(stack, this.dir.resolve("aws-faults.log"))) {
			Map<String, String> settings = agentSettings(stack);
			aws.applyTo(settings);
			run(stack, plan, schedule, writer, aws, settings, logs, violations);
		}
		this.out.println("event part violations: " + violations.size());
		violations.forEach((violation) -> this.out.println("  VIOLATION " + violation));
		write(this.dir.resolve("violations.txt"), violations);
		return violations.size();
	}

	private void run(EventStack stack, LoadPlan plan, FaultSchedule schedule, LoadWriter writer, AwsFaults aws,
			Map<String, String> settings, Path logs, List<String> violations) {
		try (EventAgents agents = new EventAgents(this.options.eventAgentJar(),
				List.of("-Xmx" + EventChaosOptions.AGENT_HEAP), settings, logs, AGENTS);
				RetroJob retro = RetroJob.start(stack, this.options.retroAgentJar(), settings, LoadPlan.RETRO,
						logs.resolve("retro"))) {
			agents.startAll();
			try (MemorySampler memory = MemorySampler.start(() -> {
				Map<String, Long> pids = new LinkedHashMap<>(agents.pids());
				pids.putAll(retro.pids());
				return pids;
			}, Duration.ofSeconds(5))) {
				FaultRunner faults = new FaultRunner(schedule, agents, stack.clamd, READ_TIMEOUT.plusSeconds(3),
						aws::arm, this.dir.resolve("faults.log"));
				long started = System.nanoTime();
				faults.start();
				writer.write(plan.items(), (item) -> !item.bucket().equals(LoadPlan.RETRO));
				writer.overwrite(plan.items());
				List<ManifestEntry> manifest = writer.manifest();
				write(this.dir.resolve("manifest.tsv"), manifest.stream().map(ManifestEntry::line).toList());
				if (!faults.await(this.options.span().multipliedBy(3))) {
					faults.stop();
					violations.add("the fault schedule did not finish within " + this.options.span().multipliedBy(3));
				}
				violations.addAll(faults.failures());
				ServerState state = new ServerState(stack, LoadPlan.QUARANTINE);
				drain(stack, state, agents, retro, violations);
				Duration drained = Duration.ofNanos(System.nanoTime() - started);
				// What no request spent was not injected: the run did not exercise it.
				aws.missing(schedule)
					.forEach((missing) -> violations.add("scheduled AWS fault never injected: " + missing));
				aws.disarm();
				List<Message> deadLetters = state.deadLetters(600);
				Invariants.Outcome before = Invariants.check(manifest, state.read(manifest, deadLetters), true);
				write(this.dir.resolve("dead-letters.txt"), deadLetters.stream().map(Message::body).toList());
				// The redrive: with no faults left, every dead letter must now finish.
				state.redrive(deadLetters);
				drain(stack, state, agents, retro, violations);
				Invariants.Outcome after = Invariants.check(manifest, state.read(manifest, List.of()), false);
				int stillDead = state.queued(stack.deadLetterQueueUrl());
				if (stillDead != 0) {
					violations.add(stillDead + " messages in the dead-letter queue after the redrive");
				}
				if (retro.exitValue() != 0) {
					violations.add("the retro job's crawler ended with " + retro.exitValue() + ":\n" + retro.logTail());
				}
				Set<String> all = new LinkedHashSet<>(before.violations());
				all.addAll(after.violations());
				violations.addAll(0, all);
				List<String> memoryLines = new ArrayList<>();
				violations.addAll(memory.check(EventChaosOptions.AGENT_HEAP_BYTES, EventChaosOptions.AGENT_RSS_LIMIT,
						memoryLines));
				violations.addAll(agents.unexpectedExits());
				List<String> log = agents.logLines();
				new EventChaosTable(plan, manifest, faults.done(), aws.injectedByKind(), before, after,
						deadLetters.size(), count(log, SCANNED), count(log, FAILED_ATTEMPT), state.findingMessages(),
						drained, memoryLines, this.options.pauseIntake())
					.print(this.out);
			}
		}
	}

	/**
	 * Waits until the scan queue stays empty (nothing waiting, in flight or in its
	 * backoff) and the retro job is done, bounded; restarts an agent that died by itself
	 * (a violation).
	 */
	private void drain(EventStack stack, ServerState state, EventAgents agents, RetroJob retro,
			List<String> violations) {
		long deadline = System.nanoTime() + this.options.drainTimeout().toNanos();
		int emptyPolls = 0;
		while (emptyPolls < 3) {
			if (System.nanoTime() > deadline) {
				violations.add("the drain did not finish within " + this.options.drainTimeout().toSeconds()
						+ " s: scan queue " + state.queued(stack.scanQueueUrl()) + ", retro job "
						+ (retro.finished() ? "done" : "running"));
				return;
			}
			if (!agents.unexpectedExits().isEmpty()) {
				// Listed with their logs' ends at the end; waiting longer shows nothing
				// more.
				violations.add("the drain stopped: an event agent exited by itself");
				return;
			}
			boolean empty = state.queued(stack.scanQueueUrl()) == 0 && retro.finished();
			emptyPolls = empty ? emptyPolls + 1 : 0;
			Pause.sleep(POLL);
		}
	}

	private Map<String, String> agentSettings(EventStack stack) {
		Map<String, String> settings = new LinkedHashMap<>(stack.agentProperties(CONCURRENCY));
		settings.put("bucketwarden.buckets.defaults.remediation", "QUARANTINE");
		settings.put("bucketwarden.buckets.defaults.quarantine-bucket", LoadPlan.QUARANTINE);
		settings.put("bucketwarden.event-agent.pause-intake", this.options.pauseIntake());
		// Redeliveries within the run: 1 s, 2 s, 4 s instead of 5 s doubling to 5 min.
		settings.put("bucketwarden.event-agent.retry-backoff-initial", "1s");
		settings.put("bucketwarden.event-agent.retry-backoff-max", "4s");
		// A killed agent's messages come back within 20 s (renewed while a scan runs).
		settings.put("bucketwarden.event-agent.visibility-timeout", "20s");
		settings.put("bucketwarden.engines.clamav.read-timeout", READ_TIMEOUT.toSeconds() + "s");
		return settings;
	}

	private static int count(List<String> lines, Pattern pattern) {
		return (int) lines.stream().filter((line) -> pattern.matcher(line).find()).count();
	}

	private static void write(Path file, List<String> lines) {
		try {
			Files.write(file, lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
