package dev.bucketwarden.bench.retro;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.sqs.SqsClient;

import dev.bucketwarden.bench.support.BenchArgs;
import dev.bucketwarden.local.LocalResources;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.aws.SqsQueues;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalOptions;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.elasticmq.ElasticMqOptions;
import dev.bucketwarden.local.elasticmq.ElasticMqServer;
import dev.bucketwarden.local.s3mock.S3MockOptions;
import dev.bucketwarden.local.s3mock.S3MockServer;
import dev.bucketwarden.local.support.AwsEmulator;

/**
 * {@code bin/bench retro}: how fast the retro crawler lists a large bucket and enqueues
 * it, beside a bare ListObjectsV2 loop on the same bucket in the same run, and how much
 * heap the crawler needed.
 * <p>
 * Seeds S3Mock's store with one bucket of small objects under {@code --prefixes}
 * top-level prefixes ({@link S3MockStoreSeed}: S3Mock rewrites its whole bucket index on
 * every put, so 100 000 puts through its API would take hours), starts S3Mock on it with
 * ElasticMQ and DynamoDB Local, checks through the S3 API that the objects are served,
 * then: a bare single-threaded ListObjectsV2 loop (1000 keys a page) counts the keys; the
 * retro agent's jar, in a JVM of its own with a fixed maximum heap, creates a job for the
 * bucket and crawls it (partitions by common prefix, parallel listers, SendMessageBatch
 * to the retro queue, a checkpoint per page in DynamoDB), timed inside that JVM from the
 * start of the crawl; the bare loop runs again. The crawler's figures are checked: every
 * key listed and enqueued (the queue holds that many messages), or the benchmark fails.
 * The bare figure is the mean of the two loops.
 */
public final class RetroBenchmark {

	private static final Pattern CRAWL = Pattern.compile(
			"Crawl: CrawlResult\\[jobId=(\\S+), state=(\\w+), listed=(\\d+), queued=(\\d+), pages=(\\d+), duration=(\\S+)\\]");

	private static final Pattern HEAP = Pattern.compile("Heap: peakUsedMiB=(\\d+) maxMiB=(\\d+)");

	/**
	 * A unified GC log line:
	 * {@code Pause Young (Normal) (G1 Evacuation Pause) 24M->6M(64M)}.
	 */
	private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");

	private final Options options;

	private final PrintStream out;

	private RetroBenchmark(Options options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	public static int run(String[] args) {
		return BenchArgs.run("retro", args, Options::parse, Options::usage, (options) -> {
			try {
				return new RetroBenchmark(options, System.out).execute();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private int execute() throws IOException {
		Path dir = Files.createDirectories(this.options.dir());
		this.out.printf(Locale.ROOT,
				"bin/bench retro: %,d objects of %d bytes under %d prefixes; crawler -Xmx%s, %d listers, at most %d partitions%n",
				this.options.objects(), this.options.size(), this.options.prefixes(), this.options.heap(),
				this.options.listers(), this.options.partitions());
		String bucket = "retro-bench";
		Path s3Dir = dir.resolve("s3mock");
		S3MockStoreSeed.seed(s3Dir.resolve("root"), bucket, this.options.objects(), this.options.prefixes(),
				this.options.size(), this.out);
		var s3Future = CompletableFuture
			.supplyAsync(() -> S3MockServer.start(S3MockOptions.in(s3Dir).withHeap(this.options.s3Heap())));
		var sqsFuture = CompletableFuture
			.supplyAsync(() -> ElasticMqServer.start(ElasticMqOptions.in(dir.resolve("elasticmq")).withHeap("768m")));
		var dynamoFuture = CompletableFuture
			.supplyAsync(() -> DynamoDbLocalServer.start(DynamoDbLocalOptions.in(dir.resolve("dynamodb"))));
		try (S3MockServer s3mock = s3Future.join();
				ElasticMqServer elasticmq = sqsFuture.join();
				DynamoDbLocalServer dynamodb = dynamoFuture.join()) {
			S3Client s3 = AwsClients.s3(s3mock);
			SqsClient sqs = AwsClients.sqs(elasticmq);
			DynamoDbClient dynamo = AwsClients.dynamoDb(dynamodb);
			DynamoDbTables.createAndAwaitActive(dynamo, LocalResources.jobsTable(), Duration.ofSeconds(30));
			String queue = SqsQueues.createWithDeadLetterQueue(sqs, "bucketwarden-retro", 5).queue();
			S3MockStoreSeed.check(s3, bucket, this.options.size());

			double bare1 = bareLoop(s3, bucket);
			Crawl crawl = crawl(s3mock, elasticmq, dynamodb, queue, bucket, dir);
			double bare2 = bareLoop(s3, bucket);
			long inQueue = objectsInQueue(sqs, queue);
			if (crawl.listed != this.options.objects() || crawl.queued != this.options.objects()
					|| inQueue != this.options.objects()) {
				this.out.printf("FAILED: the crawler listed %d and queued %d, the queue holds %d, of %d objects%n",
						crawl.listed, crawl.queued, inQueue, this.options.objects());
				return 1;
			}
			double bare = (bare1 + bare2) / 2;
			double seconds = crawl.duration.toNanos() / 1e9;
			double rate = crawl.listed / seconds;
			this.out.println();
			this.out.printf(Locale.ROOT, "%-44s %12s %12s%n", "", "objects/s", "vs bare");
			this.out.printf(Locale.ROOT, "%-44s %,12.0f %12s%n", "bare ListObjectsV2 loop (mean of 2 runs)", bare, "");
			this.out.printf(Locale.ROOT, "%-44s %,12.0f %12s%n", "  run before the crawl", bare1, "");
			this.out.printf(Locale.ROOT, "%-44s %,12.0f %12s%n", "  run after the crawl", bare2, "");
			this.out.printf(Locale.ROOT, "%-44s %,12.0f %11.2fx%n",
					"crawler: listed and enqueued (" + crawl.pages + " pages, " + this.options.listers() + " listers)",
					rate, rate / bare);
			this.out.printf(Locale.ROOT,
					"crawl took %.1f s for %,d objects; the retro queue's messages name %,d objects%n", seconds,
					crawl.listed, inQueue);
			this.out.printf(Locale.ROOT,
					"crawler JVM heap (-Xmx%s, max %d MiB): at most %d MiB live after a collection; pools' peaks add up to %d MiB%n",
					this.options.heap(), crawl.maxHeapMiB, crawl.liveAfterGcMiB, crawl.peakHeapMiB);
			return 0;
		}
	}

	/** Receives every message of the queue and counts the objects they name. */
	private static long objectsInQueue(SqsClient sqs, String queue) {
		long objects = 0;
		int empty = 0;
		for (int round = 0; round < 1_000_000 && empty < 3; round++) {
			var received = sqs
				.receiveMessage((request) -> request.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(0))
				.messages();
			if (received.isEmpty()) {
				empty++;
				continue;
			}
			empty = 0;
			for (var message : received) {
				objects += message.body().split("\"key\":", -1).length - 1;
			}
			var entries = received.stream()
				.map((message) -> software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry.builder()
					.id(message.messageId())
					.receiptHandle(message.receiptHandle())
					.build())
				.toList();
			sqs.deleteMessageBatch((request) -> request.queueUrl(queue).entries(entries));
		}
		return objects;
	}

	/** Objects per second of a plain paginated ListObjectsV2 loop. */
	private double bareLoop(S3Client s3, String bucket) {
		long started = System.nanoTime();
		long keys = 0;
		for (ListObjectsV2Response page : s3
			.listObjectsV2Paginator((request) -> request.bucket(bucket).maxKeys(1000))) {
			keys += page.keyCount();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		if (keys != this.options.objects()) {
			throw new IllegalStateException("The bare loop listed " + keys + " keys of " + this.options.objects());
		}
		this.out.printf(Locale.ROOT, "bare ListObjectsV2 loop: %,d keys in %.1f s%n", keys, seconds);
		return keys / seconds;
	}

	private Crawl crawl(AwsEmulator s3, AwsEmulator sqs, AwsEmulator dynamo, String queue, String bucket, Path dir)
			throws IOException {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spring.cloud.aws.region.static", AwsEmulator.REGION);
		settings.put("spring.cloud.aws.credentials.access-key", AwsEmulator.ACCESS_KEY_ID);
		settings.put("spring.cloud.aws.credentials.secret-key", AwsEmulator.SECRET_ACCESS_KEY);
		settings.put("spring.cloud.aws.s3.endpoint", s3.endpoint().toString());
		settings.put("spring.cloud.aws.s3.path-style-access-enabled", "true");
		settings.put("spring.cloud.aws.sqs.endpoint", sqs.endpoint().toString());
		settings.put("spring.cloud.aws.dynamodb.endpoint", dynamo.endpoint().toString());
		settings.put("bucketwarden.retro.queue", queue);
		settings.put("bucketwarden.retro.jobs-table", LocalResources.jobsTable().tableName());
		settings.put("bucketwarden.retro.launcher.type", "NONE");
		settings.put("logging.level.dev.bucketwarden.retro.crawl", "INFO");
		settings.put("bucketwarden.retro.crawl.listers", Integer.toString(this.options.listers()));
		settings.put("bucketwarden.retro.crawl.max-partitions", Integer.toString(this.options.partitions()));
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						"-Xmx" + this.options.heap(), "-XX:+ExitOnOutOfMemoryError", "-Daws.disableEc2Metadata=true",
						"-Xlog:gc:file=" + dir.resolve("crawler-gc.log"), "-jar", this.options.jar().toString(),
						"start", "--bucket", bucket, "--workers", "0", "--no-watch", "--report-heap"));
		settings.forEach((key, value) -> command.add("--" + key + "=" + value));
		Path log = dir.resolve("crawler.log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			if (!process.waitFor(30, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException("The crawler did not finish within 30 minutes; see " + log);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		String output = Files.readString(log);
		Matcher crawl = CRAWL.matcher(output);
		Matcher heap = HEAP.matcher(output);
		if (process.exitValue() != 0 || !crawl.find() || !heap.find()) {
			throw new IllegalStateException("The crawler failed (exit " + process.exitValue() + "); see " + log);
		}
		output.lines()
			.filter((line) -> line.contains("crawled in"))
			.findFirst()
			.ifPresent((line) -> this.out.println("crawler log: " + line.substring(line.indexOf("Job "))));
		long liveAfterGc = 0;
		Matcher gc = GC.matcher(Files.readString(dir.resolve("crawler-gc.log")));
		while (gc.find()) {
			liveAfterGc = Math.max(liveAfterGc, Long.parseLong(gc.group(2)));
		}
		return new Crawl(Long.parseLong(crawl.group(3)), Long.parseLong(crawl.group(4)), Long.parseLong(crawl.group(5)),
				Duration.parse(crawl.group(6)), Long.parseLong(heap.group(1)), Long.parseLong(heap.group(2)),
				liveAfterGc);
	}

	/**
	 * @param peakHeapMiB the sum of the heap pools' peaks (an upper bound)
	 * @param maxHeapMiB the JVM's maximum heap
	 * @param liveAfterGcMiB the most heap still in use right after a collection: the
	 * crawler's live set at its largest
	 */
	private record Crawl(long listed, long queued, long pages, Duration duration, long peakHeapMiB, long maxHeapMiB,
			long liveAfterGcMiB) {
	}

	/**
	 * @param objects objects in the bucket
	 * @param size bytes per object
	 * @param prefixes top-level prefixes they are spread over
	 * @param listers the crawler's parallel listers
	 * @param heap the crawler JVM's -Xmx
	 * @param s3Heap S3Mock's heap
	 * @param partitions most partitions the crawler splits the bucket into
	 * @param jar the retro agent's jar
	 * @param dir the work directory
	 */
	record Options(int objects, int size, int prefixes, int listers, String heap, String s3Heap, int partitions,
			Path jar, Path dir) {

		static Options parse(String[] args) {
			Path root = BenchArgs.repositoryRoot();
			// 2 listers and 2 partitions, not the agent's 8 and 64: every S3Mock list
			// call
			// costs time in proportion to the whole bucket, so more partitions multiply
			// the
			// work on a small machine until list calls time out (see docs/benchmarks.md).
			Options options = new Options(100_000, 256, 100, 2, "128m", "1g", 2,
					root.resolve("retro-agent/target/retro-agent.jar"), root.resolve("benchmarks/target/bench-retro"));
			List<BenchArgs.Option> parsed = BenchArgs.options(args);
			if (parsed == null) {
				return null;
			}
			for (BenchArgs.Option option : parsed) {
				String arg = option.name();
				String value = option.value();
				options = switch (arg) {
					case "--objects" ->
						new Options(Integer.parseInt(value), options.size, options.prefixes, options.listers,
								options.heap, options.s3Heap, options.partitions, options.jar, options.dir);
					case "--prefixes" ->
						new Options(options.objects, options.size, Integer.parseInt(value), options.listers,
								options.heap, options.s3Heap, options.partitions, options.jar, options.dir);
					case "--listers" ->
						new Options(options.objects, options.size, options.prefixes, Integer.parseInt(value),
								options.heap, options.s3Heap, options.partitions, options.jar, options.dir);
					case "--heap" -> new Options(options.objects, options.size, options.prefixes, options.listers,
							value, options.s3Heap, options.partitions, options.jar, options.dir);
					case "--partitions" -> new Options(options.objects, options.size, options.prefixes, options.listers,
							options.heap, options.s3Heap, Integer.parseInt(value), options.jar, options.dir);
					case "--dir" -> new Options(options.objects, options.size, options.prefixes, options.listers,
							options.heap, options.s3Heap, options.partitions, options.jar, Path.of(value));
					default -> throw BenchArgs.unknown(arg);
				};
			}
			if (!Files.isRegularFile(options.jar)) {
				throw new IllegalArgumentException("No retro agent jar at " + options.jar + " (bin/bench builds it)");
			}
			return options;
		}

		static void usage(PrintStream out) {
			out.println(
					"Usage: bin/bench retro [--objects 100000] [--prefixes 100] [--listers 2] [--partitions 2] [--heap 128m] [--dir DIR]");
		}

	}

}
