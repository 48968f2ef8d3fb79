package dev.bucketwarden.retro.volume;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanLimits;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.jobs.FileResult;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobSpec;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.store.results.ResultStatus;

/**
 * Scans a directory of a mounted file system (EFS, FSx, an EBS volume mounted from a
 * snapshot) with the same engine chain as objects. Files cannot be tagged, so each result
 * is recorded in the job, and an infected file is moved into the quarantine directory
 * (same relative path). Symbolic links are never followed (the volume's own files are
 * scanned as themselves; a link out of the volume is not read at all); what cannot be
 * read is an Error, never Clean. At most {@code concurrency} files are scanned at once
 * while the walk waits, so memory does not grow with the volume.
 */
public class VolumeScanner {

	private static final Logger logger = LoggerFactory.getLogger(VolumeScanner.class);

	private final EngineChain chain;

	private final JobStore jobs;

	private final long maxBytes;

	private final Duration engineTimeout;

	private final int concurrency;

	public VolumeScanner(EngineChain chain, JobStore jobs, long maxBytes, Duration engineTimeout, int concurrency) {
		this.chain = chain;
		this.jobs = jobs;
		this.maxBytes = maxBytes;
		this.engineTimeout = engineTimeout;
		this.concurrency = concurrency;
	}

	/** Walks the job's directory and scans every file; returns the job as it ends. */
	public Job scan(String jobId) throws IOException {
		Job job = this.jobs.find(jobId).orElseThrow(() -> new IllegalArgumentException("No job " + jobId));
		if (job.spec().directory() == null) {
			throw new IllegalArgumentException("Job " + jobId + " names no directory");
		}
		return walk(jobId, Path.of(job.spec().directory())).job();
	}

	/**
	 * Walks a directory for the job (its own, or where an EBS job's snapshot is mounted)
	 * and scans every file.
	 * @return the job as it ends, and whether every file the walk met has its result
	 * recorded (false when the job was cancelled or was not crawling, or a result could
	 * not be recorded)
	 */
	public Walked walk(String jobId, Path directory) throws IOException {
		Job job = this.jobs.find(jobId).orElseThrow(() -> new IllegalArgumentException("No job " + jobId));
		JobSpec spec = job.spec();
		if (!spec.volume()) {
			throw new IllegalArgumentException("Job " + jobId + " names buckets, not a directory");
		}
		if (job.state() != JobState.CRAWLING) {
			return new Walked(job, false);
		}
		Path root = directory.toRealPath();
		Path quarantine = (spec.quarantineDirectory() != null) ? Path.of(spec.quarantineDirectory()) : null;
		if (quarantine != null) {
			Files.createDirectories(quarantine);
			quarantine = quarantine.toRealPath();
		}
		Walk walk = new Walk(job, root, quarantine);
		try (ExecutorService scans = Executors.newVirtualThreadPerTaskExecutor()) {
			walk.scans = scans;
			Files.walkFileTree(root, walk);
		}
		Map<Counter, Long> outside = new EnumMap<>(Counter.class);
		outside.put(Counter.LISTED, walk.outsideWindow.get());
		this.jobs.ledger().addCounters(jobId, outside);
		if (walk.cancelled) {
			logger.info("Job {} cancelled: the walk of {} stopped", jobId, root);
		}
		else {
			this.jobs.transition(jobId, JobState.CRAWLING, JobState.SCANNING, null);
			this.jobs.finishIfComplete(jobId);
		}
		return new Walked(this.jobs.find(jobId).orElseThrow(), !walk.cancelled && walk.unrecorded.get() == 0);
	}

	/**
	 * A finished walk.
	 *
	 * @param job the job as the walk left it
	 * @param complete whether the walk went through and every file it met has its result
	 * recorded
	 */
	public record Walked(Job job, boolean complete) {
	}

	private final class Walk extends SimpleFileVisitor<Path> {

		private final Job job;

		private final Path root;

		private final Path quarantine;

		private final Semaphore slots = new Semaphore(VolumeScanner.this.concurrency);

		private final AtomicLong outsideWindow = new AtomicLong();

		private final AtomicLong unrecorded = new AtomicLong();

		private ExecutorService scans;

		private volatile boolean cancelled;

		private long visited;

		Walk(Job job, Path root, Path quarantine) {
			this.job = job;
			this.root = root;
			this.quarantine = quarantine;
		}

		@Override
		public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
			if (dir.equals(this.quarantine)) {
				return FileVisitResult.SKIP_SUBTREE;
			}
			return FileVisitResult.CONTINUE;
		}

		@Override
		public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
			if (++this.visited % 100 == 0 && cancelled()) {
				return FileVisitResult.TERMINATE;
			}
			String path = this.root.relativize(file).toString();
			if (attributes.isSymbolicLink()) {
				record(new FileResult(path, ResultStatus.SKIPPED.label(), link(file), List.of(), -1, null));
			}
			else if (!attributes.isRegularFile()) {
				record(new FileResult(path, ResultStatus.ERROR.label(),
						"CONTENT_READ: not a regular file (a fifo, socket or device): not read", List.of(), -1, null));
			}
			else if (!this.job.spec().inWindow(attributes.lastModifiedTime().toInstant())) {
				this.outsideWindow.incrementAndGet();
			}
			else {
				this.slots.acquireUninterruptibly();
				this.scans.submit(() -> {
					try {
						record(scanFile(file, path, attributes.size()));
					}
					catch (RuntimeException ex) {
						this.unrecorded.incrementAndGet();
						logger.error("Recording {} of job {} failed", path, this.job.id(), ex);
					}
					finally {
						this.slots.release();
					}
				});
			}
			return FileVisitResult.CONTINUE;
		}

		@Override
		public FileVisitResult visitFileFailed(Path file, IOException ex) {
			record(new FileResult(this.root.relativize(file).toString(), ResultStatus.ERROR.label(),
					"CONTENT_READ: cannot be read: " + ex, List.of(), -1, null));
			return FileVisitResult.CONTINUE;
		}

		private boolean cancelled() {
			this.cancelled = VolumeScanner.this.jobs.find(this.job.id())
				.map((j) -> j.state() == JobState.CANCELLED)
				.orElse(true);
			return this.cancelled;
		}

		/**
		 * Why a link is not scanned: the volume's own files are scanned as themselves.
		 */
		private String link(Path file) {
			try {
				Path target = file.toRealPath();
				return target.startsWith(this.root)
						? "symbolic link to " + this.root.relativize(target)
								+ " in the volume, which is scanned as itself"
						: "symbolic link out of the volume, not followed";
			}
			catch (IOException ex) {
				return "broken symbolic link, not followed";
			}
		}

		private FileResult scanFile(Path file, String path, long size) {
			ScanContext context = new ScanContext(new ObjectRef.LocalFile(file.toString()), size, null,
					new ScanLimits(VolumeScanner.this.maxBytes, VolumeScanner.this.engineTimeout));
			ScanReport report;
			try (InputStream content = Channels
				.newInputStream(Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
				report = VolumeScanner.this.chain.scan(content, context);
			}
			catch (IOException ex) {
				return new FileResult(path, ResultStatus.ERROR.label(), "CONTENT_READ: cannot be read: " + ex,
						List.of(), size, null);
			}
			Verdict verdict = report.verdict();
			ResultStatus status = ResultStatus.of(verdict);
			return switch (verdict) {
				case Verdict.Clean clean -> new FileResult(path, status.label(), null, List.of(), size, null);
				case Verdict.Infected infected -> new FileResult(path, status.label(),
						String.join(", ", infected.signatures()), infected.signatures(), size, quarantine(file, path));
				case Verdict.Unscannable unscannable -> new FileResult(path, status.label(),
						unscannable.reason() + ": " + unscannable.detail(), List.of(), size, null);
				case Verdict.Error error ->
					new FileResult(path, status.label(), error.kind() + ": " + error.message(), List.of(), size, null);
			};
		}

		/** Moves an infected file into quarantine; returns where it is now. */
		private String quarantine(Path file, String path) {
			if (this.quarantine == null) {
				return null;
			}
			Path target = this.quarantine.resolve(path);
			try {
				Files.createDirectories(target.getParent());
				Files.move(file, target, LinkOption.NOFOLLOW_LINKS);
				logger.warn("Quarantined infected {} to {}", file, target);
				return target.toString();
			}
			catch (IOException ex) {
				logger.error("Could not quarantine infected {}: {}", file, ex.toString());
				return null;
			}
		}

		private void record(FileResult file) {
			Map<Counter, Long> counts = new EnumMap<>(Counter.class);
			for (Counter counter : List.of(Counter.LISTED, Counter.MATCHED, Counter.QUEUED, Counter.SCANNED)) {
				counts.put(counter, 1L);
			}
			counts.put(switch (ResultStatus.fromLabel(file.result())) {
				case CLEAN -> Counter.CLEAN;
				case INFECTED, INFECTED_ALLOWED -> Counter.INFECTED;
				case UNSCANNABLE -> Counter.UNSCANNABLE;
				case ERROR -> Counter.ERRORS;
				case SKIPPED -> Counter.SKIPPED;
			}, 1L);
			VolumeScanner.this.jobs.ledger().recordFile(this.job.id(), file, counts);
		}

	}

}
