package dev.bucketwarden.local.s3events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A streaming HTTP relay in front of S3Mock, on 127.0.0.1. Clients use it as their S3
 * endpoint (path-style). It answers the bucket notification API itself
 * ({@code GET}/{@code PUT /{bucket}?notification}, which S3Mock does not implement),
 * forwards every other request unchanged and, after S3Mock accepted a PUT, a copy or a
 * completed multipart upload, sends the S3 event notification AWS would send to each
 * matching configuration of the bucket: to the local scan topic, whose subscription gets
 * it wrapped in an SNS notification, or to an SQS queue, which gets the event itself.
 * Bodies stream both ways, so memory does not grow with object size.
 */
public final class S3EventRelay implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(S3EventRelay.class);

	private final HttpServer server;

	private final ExecutorService executor;

	private final HttpClient client;

	private final URI target;

	private final String region;

	private final BucketNotifications notifications;

	private final BucketRegions regions;

	private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() << 16);

	private final Clock clock = Clock.systemUTC();

	private S3EventRelay(HttpServer server, ExecutorService executor, URI target, EventSink scanTopic,
			QueueDirectory queues, String region, BucketRegions regions) {
		this.server = server;
		this.regions = regions;
		this.executor = executor;
		this.target = target;
		this.region = region;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		this.notifications = new BucketNotifications(scanTopicArn(region), scanTopic, queues, this::bucketExists,
				this.clock);
	}

	/**
	 * Starts the relay on a free port of 127.0.0.1, with the scan topic as the only
	 * destination buckets can notify.
	 * @param target S3Mock's endpoint
	 * @param scanTopic the scan topic's subscription: gets SNS notifications
	 * @param region the region named in the events
	 */
	public static S3EventRelay start(URI target, EventSink scanTopic, String region) {
		return start(target, scanTopic, QueueDirectory.NONE, region);
	}

	/**
	 * Starts the relay on a free port of 127.0.0.1.
	 * @param target S3Mock's endpoint
	 * @param scanTopic the scan topic's subscription: gets SNS notifications
	 * @param queues the queues buckets can notify directly
	 * @param region the region named in the events
	 */
	public static S3EventRelay start(URI target, EventSink scanTopic, QueueDirectory queues, String region) {
		return start(target, scanTopic, queues, region, new BucketRegions(region));
	}

	/**
	 * Starts the relay of one region on a free port of 127.0.0.1: one of several in front
	 * of the same S3Mock, one per region, which share what they know of the buckets'
	 * regions (S3Mock keeps none) to answer GetBucketLocation.
	 * @param target S3Mock's endpoint
	 * @param scanTopic this region's scan topic's subscription: gets SNS notifications
	 * @param queues the queues buckets can notify directly
	 * @param region this relay's region: named in its events and scan topic ARN, and the
	 * region of the buckets created through it without a location constraint
	 * @param regions the buckets' regions, shared by the relays of one stack
	 */
	public static S3EventRelay start(URI target, EventSink scanTopic, QueueDirectory queues, String region,
			BucketRegions regions) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
			ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
			S3EventRelay relay = new S3EventRelay(server, executor, target, scanTopic, queues, region, regions);
			server.createContext("/", relay::handle);
			server.setExecutor(executor);
			server.start();
			logger.info("S3 event relay on {} in front of {}", relay.endpoint(), target);
			return relay;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the S3 event relay", ex);
		}
	}

	/** The endpoint S3 clients should use. */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * The local scan topic's ARN: the destination of a topic configuration whose events
	 * reach the scan topic's subscription.
	 */
	public static String scanTopicArn(String region) {
		return "arn:aws:sns:" + region + ":000000000000:bucketwarden-s3-events";
	}

	public String scanTopicArn() {
		return scanTopicArn(this.region);
	}

	/**
	 * Writes to this bucket now raise events on the scan topic: a shortcut for tests and
	 * the stack's own buckets that adds a topic configuration (id
	 * {@code bucketwarden-scan}, the console's, {@code s3:ObjectCreated:*}) without S3's
	 * checks and without a test event. The bucket need not exist yet.
	 */
	public void protect(String bucket) {
		this.notifications.protect(bucket);
	}

	/**
	 * Raises the {@code ObjectCreated:Put} event of an object that is already stored, as
	 * if it had just been written through the relay: for benchmarks that write an object
	 * of tens of GiB into S3Mock's store directly (one copy on disk, where its multipart
	 * completion needs three). Like a write, it looks the object up (size, ETag) and
	 * delivers to each matching configuration; nothing is sent when none matches or the
	 * object is missing.
	 */
	public void announce(String bucket, String key) {
		notify(new S3Write(bucket, key, "ObjectCreated:Put"), null);
	}

	/** Removes what {@link #protect} added, keeping the bucket's other configurations. */
	public void unprotect(String bucket) {
		this.notifications.unprotect(bucket);
	}

	/** This relay's region. */
	public String region() {
		return this.region;
	}

	/** The buckets' regions this relay answers GetBucketLocation from. */
	public BucketRegions regions() {
		return this.regions;
	}

	/** Buckets whose configuration sends events to the scan topic. */
	public Set<String> protectedBuckets() {
		return this.notifications.protectedBuckets();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
		this.client.close();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			URI uri = exchange.getRequestURI();
			String method = exchange.getRequestMethod();
			Optional<String> notificationBucket = NotificationApi.bucketOf(method, uri);
			if (notificationBucket.isPresent()) {
				NotificationApi.answer(exchange, method, notificationBucket.get(), this.notifications);
				return;
			}
			Optional<String> locationBucket = LocationApi.bucketOf(method, uri);
			if (locationBucket.isPresent()) {
				if (bucketExists(locationBucket.get())) {
					LocationApi.answer(exchange, this.regions.of(locationBucket.get()));
				}
				else {
					LocationApi.noSuchBucket(exchange, locationBucket.get());
				}
				return;
			}
			Optional<String> created = LocationApi.createdBucket(method, uri);
			HttpRequest forwarded;
			String createdIn = null;
			if (created.isPresent()) {
				byte[] body;
				try (InputStream in = exchange.getRequestBody()) {
					body = in.readNBytes(LocationApi.MAX_CONFIGURATION_SIZE);
				}
				try {
					createdIn = LocationApi.regionOf(body, this.region);
				}
				catch (S3ErrorException ex) {
					createdIn = this.region;
				}
				forwarded = Forwarding.request(exchange, this.target, uri, method, body);
			}
			else {
				forwarded = Forwarding.request(exchange, this.target, uri, method);
			}
			HttpResponse<InputStream> response;
			try {
				response = this.client.send(forwarded, HttpResponse.BodyHandlers.ofInputStream());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				exchange.sendResponseHeaders(503, -1);
				return;
			}
			catch (IOException ex) {
				logger.warn("Relaying {} {} failed: {}", method, uri, ex.toString());
				exchange.sendResponseHeaders(502, -1);
				return;
			}
			Forwarding.respond(exchange, method, response);
			if (response.statusCode() / 100 == 2) {
				if (createdIn != null) {
					this.regions.put(created.get(), createdIn);
				}
				boolean copy = exchange.getRequestHeaders().containsKey("x-amz-copy-source");
				S3Write.of(method, uri, copy)
					.ifPresent(
							(write) -> notify(write, response.headers().firstValue("x-amz-version-id").orElse(null)));
				NotificationApi.deletedBucket(method, uri).ifPresent((bucket) -> {
					this.notifications.forget(bucket);
					this.regions.forget(bucket);
				});
			}
		}
	}

	/** Asks S3Mock: HEAD bucket. */
	private boolean bucketExists(String bucket) {
		try {
			HttpResponse<Void> head = this.client
				.send(HttpRequest.newBuilder(URI.create(this.target.toString().replaceAll("/$", "") + "/" + bucket))
					.method("HEAD", HttpRequest.BodyPublishers.noBody())
					.timeout(Duration.ofSeconds(30))
					.build(), HttpResponse.BodyHandlers.discarding());
			if (head.statusCode() != 200 && head.statusCode() != 404) {
				throw new IllegalStateException("HEAD bucket " + bucket + " answered " + head.statusCode());
			}
			return head.statusCode() == 200;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * Looks the new object up (size, ETag) and delivers its event to each matching
	 * configuration.
	 */
	private void notify(S3Write write, String versionId) {
		List<Notification> matching = this.notifications.matching(write);
		if (matching.isEmpty()) {
			return;
		}
		try {
			String path = "/" + encodePath(write.bucket()) + "/" + encodePath(write.key())
					+ ((versionId != null) ? "?versionId=" + URLEncoder.encode(versionId, StandardCharsets.UTF_8) : "");
			HttpResponse<Void> head = this.client
				.send(HttpRequest.newBuilder(URI.create(this.target.toString().replaceAll("/$", "") + path))
					.method("HEAD", HttpRequest.BodyPublishers.noBody())
					.timeout(Duration.ofSeconds(30))
					.build(), HttpResponse.BodyHandlers.discarding());
			if (head.statusCode() != 200) {
				logger.warn("No event for s3://{}/{}: HEAD answered {}", write.bucket(), write.key(),
						head.statusCode());
				return;
			}
			long size = head.headers().firstValueAsLong("Content-Length").orElse(0);
			String eTag = head.headers().firstValue("ETag").map((value) -> value.replace("\"", "")).orElse("");
			for (Notification notification : matching) {
				String event = S3EventNotifications.s3Event(write, notification.id(), size, eTag, versionId,
						String.format("%016X", this.sequencer.incrementAndGet()), this.region, this.clock.instant());
				this.notifications.deliver(notification, event, write);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.error("Could not deliver the event for s3://{}/{}: {}", write.bucket(), write.key(), ex.toString());
		}
	}

	private static String encodePath(String value) {
		return Stream.of(value.split("/", -1))
			.map((segment) -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
			.collect(Collectors.joining("/"));
	}

}
