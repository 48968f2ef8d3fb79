package dev.bucketwarden.bench.large;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.services.s3.S3Client;

import dev.bucketwarden.bench.event.EventStack;
import dev.bucketwarden.bench.support.BenchArgs;
import dev.bucketwarden.bench.support.BenchDir;
import dev.bucketwarden.bench.support.Machine;
import dev.bucketwarden.bench.support.Pause;
import dev.bucketwarden.bench.support.ProcessCpu;
import dev.bucketwarden.bench.support.TestFiles;
import dev.bucketwarden.engine.clamav.ClamavSettings;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.elasticmq.QueueDefinition;

/**
 * {@code bin/bench large}: one object larger than the engine's limit, scanned as a
 * large-object job by two event agents with one of them killed midway, against a bare
 * clamd INSTREAM client on the same bytes cut into the same windows.
 * <p>
 * Starts the local stack ({@link EventStack}, clamd with {@code MaxThreads} = workers and
 * a stream limit of at least a window) with the large-object queue, the object written
 * into S3Mock's store before it starts ({@link StoreWriter}, one sparse copy on disk) or,
 * with {@code --multipart}, through the S3 event relay by multipart upload; the relay
 * raises the object's event and holds it back. Runs the bare client
 * ({@link BareWindows}), then the job ({@link LargeJob}) from the moment the held event
 * is sent. Exits 1 when a verdict is not the expected one (Clean, or Infected when EICAR
 * was written), 0 whatever the figures. The object and S3Mock's files are always deleted
 * at the end.
 */
public final class LargeBenchmark {

	static final String BUCKET = "large-bench";

	static final String KEY = "backups/large-object.bin";

	/** The bucket as the stack names the first of its buckets. */
	static final String BUCKET_0 = BUCKET + "-0";

	/**
	 * Free disk the benchmark never goes under: the disk is shared with other work; the
	 * written object is checked against it before and while it is written.
	 */
	static final long KEEP_FREE = 15 * LargeOptions.GIB;

	/** Upload parts in flight. */
	private static final int UPLOAD_THREADS = 2;

	/**
	 * Free disk needed per byte of the object: S3Mock 5.2.3 keeps the parts (in its root)
	 * while it joins them into a file in its tmp folder and then stores that, so for a
	 * while the object is on disk about three times (seen: 21 GiB of parts and 27 GiB,
	 * still growing, in tmp for a 20 GiB object).
	 */
	private static final double DISK_PER_BYTE = 3.2;

	private static final double MIB = LargeOptions.MIB;

	private final LargeOptions options;

	private final PrintStream out;

	private LargeBenchmark(LargeOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	public static int run(String[] args) {
		return BenchArgs.run("large", args, LargeOptions::parse, LargeOptions::usage,
				(options) -> new LargeBenchmark(options, System.out).execute());
	}

	private int execute() {
		long started = System.nanoTime();
		try (BenchDir dir = BenchDir.create(this.options.dir(), "bw-bench-large-", this.options.keepLogs(), this.out)) {
			Path root = dir.root();
			// Also on Ctrl-C or SIGTERM, and with --keep-logs: never leave the object's
			// tens of GiB behind.
			Thread s3mockFiles = new Thread(() -> TestFiles.deleteTree(root.resolve("stack").resolve("s3mock")),
					"bench-large-s3mock-files");
			Runtime.getRuntime().addShutdownHook(s3mockFiles);
			try {
				return measure(root);
			}
			catch (RuntimeException ex) {
				this.out.println();
				this.out.println("ABORTED: " + ex.getMessage());
				ex.printStackTrace(System.err);
				return 1;
			}
			finally {
				// Whatever is kept, never 20 GiB of S3Mock's files.
				TestFiles.deleteTree(root.resolve("stack").resolve("s3mock"));
				try {
					Runtime.getRuntime().removeShutdownHook(s3mockFiles);
				}
				catch (IllegalStateException ex) {
					// shutting down: the hook runs anyway
				}
				this.out.printf(Locale.ROOT, "%nTotal time %.0f s%n", (System.nanoTime() - started) / 1e9);
			}
		}
	}

	private int measure(Path root) {
		SparseContent content = new SparseContent(this.options.size(), this.options.seed(), this.options.eicarOffset());
		checkDisk(root, content);
		List<Windows.Range> windows = Windows.of(this.options.size(), this.options.window(), this.options.overlap());
		header(content, windows);
		StoreWriter.@Nullable Written seeded = null;
		if (!this.options.multipart()) {
			this.out.printf(Locale.ROOT, "%nWriting s3://%s/%s into S3Mock's store (a sparse file) ...%n", BUCKET_0,
					KEY);
			seeded = StoreWriter.write(root.resolve("stack").resolve("s3mock").resolve("root"), BUCKET_0, KEY, content,
					KEEP_FREE);
			this.out.printf(Locale.ROOT, "  %.1f s (%.0f MiB/s), ETag %s, %s on disk (the zero runs are holes)%n",
					seeded.nanos() / 1e9, content.size() / MIB / (seeded.nanos() / 1e9), seeded.eTag(),
					LargeOptions.format(seeded.stored()));
		}
		String streamMax = LargeJob.streamMaxLength(this.options) / LargeOptions.MIB + "M";
		List<QueueDefinition> queues = List
			.of(QueueDefinition.withDeadLetterQueue(LargeJob.LARGE_QUEUE, EventStack.MAX_ATTEMPTS)
				.withVisibilityTimeout(LargeJob.VISIBILITY));
		try (EventStack stack = EventStack.start(root.resolve("stack"), this.options.workers(),
				this.options.signatures(), streamMax, queues)) {
			this.options.signatures().print(this.out, stack.clamd);
			ProcessCpu cpu = new ProcessCpu();
			cpu.watch("benchmark JVM", ProcessHandle.current().pid());
			stack.pids().forEach(cpu::watch);
			String bucket;
			if (seeded != null) {
				bucket = BUCKET_0;
				stack.relay.protect(bucket);
			}
			else {
				bucket = stack.createBuckets(BUCKET, 1, false).get(0);
			}
			try {
				return measure(root, stack, cpu, content, windows, bucket, seeded != null);
			}
			finally {
				try {
					stack.s3.deleteObject((request) -> request.bucket(bucket).key(KEY));
				}
				catch (RuntimeException ex) {
					this.out.println("Could not delete the object (its files go with S3Mock's): " + ex.getMessage());
				}
			}
		}
	}

	private int measure(Path root, EventStack stack, ProcessCpu cpu, SparseContent content, List<Windows.Range> windows,
			String bucket, boolean seeded) {
		stack.holdEvents();
		if (seeded) {
			// S3 raises the event of a write; this one was made behind S3Mock's back, so
			// the relay raises it as for a write it saw (a HEAD for size and ETag).
			stack.relay.announce(bucket, KEY);
		}
		else {
			upload(stack, content, bucket);
		}
		// The relay sends an event after it has answered the request that raised it.
		long eventDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (stack.heldCount() == 0 && System.nanoTime() < eventDeadline) {
			Pause.sleep(Duration.ofMillis(100));
		}
		List<String> events = stack.heldEvents();
		this.out.printf(Locale.ROOT, "  S3Mock's files: %s on disk; %d event held%n",
				LargeOptions.format(diskUsage(root.resolve("stack").resolve("s3mock"))), events.size());
		if (events.isEmpty()) {
			throw new IllegalStateException("The relay raised no event for the object");
		}
		if (events.size() > 1) {
			// A completion the SDK retried (S3Mock took longer than the read timeout to
			// join the parts) raises an event per answer; S3 too may deliver one twice.
			this.out.println("  more than one event for the one upload: the first is sent, the others dropped");
		}
		int failures = 0;
		BareWindows.@Nullable Result bare = null;
		if (this.options.bare()) {
			this.out.printf(Locale.ROOT, "%nBare clamd INSTREAM: %d windows, %d streams ...%n", windows.size(),
					this.options.workers());
			ProcessCpu.Sample before = cpu.sample();
			bare = BareWindows.run(content, windows, this.options.workers(), stack.clamd.port(),
					ClamavSettings.DEFAULTS.chunkSize());
			ProcessCpu.Usage usage = ProcessCpu.between(before, cpu.sample());
			this.out.printf(Locale.ROOT,
					"  %.1f s: %.1f MiB/s of the object (%.1f MiB/s per stream over %s scanned); found in windows %s%s%n",
					bare.seconds(), bare.mibPerSecond(), bare.perStreamMibPerSecond(),
					LargeOptions.format(bare.scannedBytes()), bare.found(), load(usage));
			this.out.println("  CPU seconds: " + cpuSeconds(usage));
			bare.problems().forEach((problem) -> this.out.println("  PROBLEM " + problem));
			failures += bare.problems().size();
		}
		if (!this.options.job()) {
			return (failures == 0) ? 0 : 1;
		}
		this.out.printf(Locale.ROOT, "%nJob: %d event agents (-Xmx%s), the S3 event sent, %s ...%n",
				this.options.workers(), this.options.agentHeap(),
				(this.options.killAt() > 0)
						? "agent 1 killed at " + Math.round(this.options.killAt() * 100) + "% of the parts"
						: "no kill");
		LargeJob.Result job = new LargeJob(this.options, stack, root.resolve("logs"), this.out).run(events.get(0),
				new JobState(stack.dynamo, bucket, KEY), cpu);
		failures += report(content, windows, bare, job);
		return (failures == 0) ? 0 : 1;
	}

	private void upload(EventStack stack, SparseContent content, String bucket) {
		this.out.printf(Locale.ROOT, "%nWriting s3://%s/%s by multipart upload (%s parts, %d in flight) ...%n", bucket,
				KEY, LargeOptions.format(this.options.uploadPart()), UPLOAD_THREADS);
		MultipartWriter.Written written;
		try (S3Client parts = AwsClients.s3Builder(stack.s3mock.endpoint())
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.build()) {
			written = MultipartWriter.write(parts, stack.uploads, bucket, KEY, content, this.options.uploadPart(),
					UPLOAD_THREADS);
		}
		this.out.printf(Locale.ROOT, "  %d parts in %.1f s (%.0f MiB/s), ETag %s%n", written.parts(),
				written.nanos() / 1e9, content.size() / MIB / (written.nanos() / 1e9), written.eTag());
	}

	private int report(SparseContent content, List<Windows.Range> windows, BareWindows.@Nullable Result bare,
			LargeJob.Result job) {
		JobState.Record record = job.record();
		double mibPerSecond = content.size() / MIB / job.seconds();
		int scans = job.partScans().values().stream().mapToInt(Integer::intValue).sum();
		this.out.println();
		this.out.println("Large object: " + this.options.workers() + " workers"
				+ ((job.kill() != null) ? ", one killed midway" : ""));
		row("size", LargeOptions.format(content.size()));
		row("window / overlap",
				LargeOptions.format(this.options.window()) + " / " + LargeOptions.format(this.options.overlap()));
		row("parts", windows.size() + " planned here; the record says " + record.parts());
		row("parts scanned", (scans == 0) ? "(no part lines in the agents' logs)"
				: scans + " scans, " + job.scannedTwice() + " parts scanned twice (redelivered)");
		if (job.kill() != null) {
			row("kill", String.format(Locale.ROOT, "at %.0f s with %d of %d parts done; started again by %.0f s",
					job.kill().atSeconds(), job.kill().done(), job.kill().parts(), job.kill().restartedSeconds()));
		}
		if (!job.partSeconds().isEmpty()) {
			List<Double> sorted = job.partSeconds().stream().sorted().toList();
			row("part times",
					String.format(Locale.ROOT,
							"median %.1f s, min %.1f s, max %.1f s over %d parts (an agent's consecutive part starts)",
							sorted.get(sorted.size() / 2), sorted.getFirst(), sorted.getLast(), sorted.size()));
		}
		row("wall time",
				String.format(Locale.ROOT, "%.1f s (S3 event sent to final record)%s", job.seconds(), load(job.cpu())));
		row("CPU seconds", cpuSeconds(job.cpu()));
		row("throughput", String.format(Locale.ROOT, "%.1f MiB/s", mibPerSecond));
		if (bare != null && content.hasEicar()) {
			row("bare clamd",
					String.format(Locale.ROOT,
							"%.1f MiB/s (%.1f s); no ratio: an infected job ends at its"
									+ " first infected part, the bare client scans every window",
							bare.mibPerSecond(), bare.seconds()));
		}
		else if (bare != null) {
			row("bare clamd", String.format(Locale.ROOT, "%.1f MiB/s (%.1f s), %.1f MiB/s per stream",
					bare.mibPerSecond(), bare.seconds(), bare.perStreamMibPerSecond()));
			row("ratio to bare",
					String.format(Locale.ROOT, "%.2f (target >= 0.90)", mibPerSecond / bare.mibPerSecond()));
		}
		job.memory()
			.forEach((name, peak) -> row(name,
					String.format(Locale.ROOT, "heap at most %d MiB of %s, RSS at most %d MiB (%d samples)",
							peak.heap() >> 20, this.options.agentHeap(), peak.rss() >> 20, peak.samples())));
		row("verdict", record.result() + (record.signatures().isEmpty() ? "" : " " + record.signatures())
				+ (record.reason().isEmpty() ? "" : " (" + record.reason() + ")"));
		row("coverage", record.coverage() + " window " + LargeOptions.format(record.window()) + ", overlap "
				+ LargeOptions.format(record.overlap()) + ", " + record.parts() + " parts");
		int failures = 0;
		String expected = content.hasEicar() ? "Infected" : "Clean";
		if (!record.result().equals(expected)) {
			this.out.println("FAILED: the verdict is " + record.result() + ", expected " + expected);
			failures++;
		}
		if (!content.hasEicar() && (!record.coverage().equals("WINDOWS") || record.parts() != windows.size())) {
			this.out.println("FAILED: the coverage is not WINDOWS of " + windows.size() + " parts");
			failures++;
		}
		return failures;
	}

	private void header(SparseContent content, List<Windows.Range> windows) {
		this.out.printf(Locale.ROOT, "bin/bench large: %s (%,d bytes), windows of %s overlapping by %s: %d windows%n",
				LargeOptions.format(content.size()), content.size(), LargeOptions.format(this.options.window()),
				LargeOptions.format(this.options.overlap()), windows.size());
		this.out.printf(Locale.ROOT,
				"Content: seed %d, %s of random bytes then %s of zeros, repeated (half random)%s%n",
				this.options.seed(), LargeOptions.format(SparseContent.RANDOM_RUN),
				LargeOptions.format(SparseContent.ZERO_RUN), content.hasEicar() ? String.format(Locale.ROOT,
						"; EICAR at byte %,d (%s)", content.eicarAt(), this.options.eicarAt()) : "");
		this.out.printf("Machine: %s, %d cores, %s GiB; Java %s%n", Machine.cpuModel(),
				Runtime.getRuntime().availableProcessors(), Machine.totalMemoryGib(), Runtime.version());
	}

	private void row(String name, String value) {
		this.out.printf("  %-22s %s%n", name, value);
	}

	/**
	 * The CPU each watched process used: on two cores S3Mock serving the job's ranged
	 * GETs competes with clamd, which the bare client (bytes made in its own JVM) does
	 * not.
	 */
	private static String cpuSeconds(ProcessCpu.@Nullable Usage usage) {
		if (usage == null) {
			return "(unknown)";
		}
		StringBuilder line = new StringBuilder();
		usage.seconds().forEach((name, seconds) -> {
			if (seconds >= 0.05) {
				line.append((line.length() == 0) ? "" : ", ")
					.append(String.format(Locale.ROOT, "%s %.1f", name, seconds));
			}
		});
		return line.toString();
	}

	private static String load(ProcessCpu.@Nullable Usage usage) {
		return (usage == null) ? "" : String.format(Locale.ROOT, "; other processes %.0f%% of the machine%s",
				usage.others() * 100, (usage.others() > 0.10) ? " (noisy)" : "");
	}

	private void checkDisk(Path root, SparseContent content) {
		try {
			long free = Files.getFileStore(root).getUsableSpace();
			// Written into the store: the random half (the zeros are holes), a run of
			// slack.
			long needed = this.options.multipart() ? (long) (content.size() * DISK_PER_BYTE)
					: content.size() / 2 + SparseContent.PERIOD;
			if (free - needed < KEEP_FREE) {
				throw new IllegalStateException(String.format(Locale.ROOT,
						"%s free in %s: a %s object needs about %s (%s), and %s stay free for other work",
						LargeOptions.format(free), root, LargeOptions.format(content.size()),
						LargeOptions.format(needed), this.options.multipart()
								? "S3Mock holds parts, joined file and object at once" : "one sparse copy",
						LargeOptions.format(KEEP_FREE)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The disk S3Mock's files take ({@code du}: allocated blocks, so a sparse file's
	 * holes count nothing), or -1 when it cannot be told.
	 */
	private static long diskUsage(Path dir) {
		try {
			Process du = new ProcessBuilder("du", "-s", "--block-size=1", dir.toString()).redirectErrorStream(true)
				.start();
			String answer = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return (du.waitFor() == 0) ? Long.parseLong(answer.split("\\s+")[0]) : -1;
		}
		catch (IOException | NumberFormatException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

}
