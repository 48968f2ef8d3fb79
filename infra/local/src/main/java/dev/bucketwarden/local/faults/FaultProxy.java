package dev.bucketwarden.local.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/1.1 reverse proxy on 127.0.0.1 in front of one AWS endpoint of the local stack,
 * which forwards requests and responses byte for byte (keep-alive both ways, bodies
 * streamed) and, when armed, injects {@link FaultKind faults} into the requests of chosen
 * {@link AwsOperation operations}. Point a client's endpoint override at
 * {@link #endpoint()}; every fault is recorded ({@link #injected()}), logged at INFO, and
 * appended to the fault log file if one was given.
 *
 * <p>
 * One virtual thread per client connection, each with its own upstream connection, opened
 * when the first request comes and again if the upstream closed it.
 */
public final class FaultProxy implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(FaultProxy.class);

	private final String name;

	private final URI upstream;

	private final Duration delay;

	private final ServerSocket server;

	private final Arming arming = new Arming();

	private final FaultLog log;

	private final Map<AwsOperation, LongAdder> requests = new ConcurrentHashMap<>();

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final Clock clock = Clock.systemUTC();

	private final LongAdder connections = new LongAdder();

	private final LongAdder upstreamConnections = new LongAdder();

	private volatile boolean closed;

	private FaultProxy(String name, URI upstream, Duration delay, ServerSocket server, @Nullable Path faultLog) {
		this.name = name;
		this.upstream = upstream;
		this.delay = delay;
		this.server = server;
		this.log = new FaultLog(faultLog);
	}

	/**
	 * Starts a proxy on a free loopback port.
	 * @param name names the proxy in its fault records and logs, such as {@code s3}
	 * @param upstream the endpoint to forward to, such as {@code http://127.0.0.1:40123}
	 * @param delay how long {@link FaultKind#DELAY_PAST_TIMEOUT} holds a response: longer
	 * than the timeout of the clients under test
	 * @param faultLog a file every injected fault is appended to, or {@code null}
	 */
	public static FaultProxy start(String name, URI upstream, Duration delay, @Nullable Path faultLog) {
		if (upstream.getHost() == null || !"http".equals(upstream.getScheme())) {
			throw new IllegalArgumentException("Not an http://host:port endpoint: " + upstream);
		}
		if (delay.isNegative()) {
			throw new IllegalArgumentException("Negative delay: " + delay);
		}
		try {
			ServerSocket server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
			FaultProxy proxy = new FaultProxy(name, upstream, delay, server, faultLog);
			Thread.ofPlatform().daemon().name("fault-proxy-" + name).start(proxy::accept);
			logger.info("Fault proxy {} on {} in front of {}", name, proxy.endpoint(), upstream);
			return proxy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the fault proxy " + name, ex);
		}
	}

	public String name() {
		return this.name;
	}

	/** Where clients send their requests: {@code http://127.0.0.1:<port>}. */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getLocalPort());
	}

	public URI upstream() {
		return this.upstream;
	}

	/** How long a {@link FaultKind#DELAY_PAST_TIMEOUT} fault holds a response. */
	public Duration delay() {
		return this.delay;
	}

	/**
	 * Injects a fault into the next {@code times} requests that the operation pattern
	 * selects (see {@link AwsOperation#matches(String)}: {@code s3:GetObject},
	 * {@code sqs:DeleteMessage} for it and its batch form, {@code s3:*}). Arms add up:
	 * each request spends the first armed fault that selects it.
	 */
	public void arm(String operation, FaultKind kind, int times) {
		this.arming.add(operation, kind, times);
	}

	/**
	 * Injects a fault into each selected request with a probability, drawn from a seeded
	 * generator, at most {@code max} times.
	 */
	public void armRandom(String operation, FaultKind kind, double probability, long seed, int max) {
		this.arming.addRandom(operation, kind, probability, seed, max);
	}

	/** Forgets every armed fault; faults already decided still happen. */
	public void disarm() {
		this.arming.clear();
	}

	/** How many count-armed faults are still to be injected. */
	public int pending() {
		return this.arming.pending();
	}

	/** Every fault injected so far, in order. */
	public List<InjectedFault> injected() {
		return this.log.injected();
	}

	/** The requests received so far by operation (forwarded or not), sorted by name. */
	public Map<AwsOperation, Long> requests() {
		Map<AwsOperation, Long> counts = new TreeMap<>(Comparator.comparing(AwsOperation::toString));
		this.requests.forEach((operation, count) -> counts.put(operation, count.sum()));
		return counts;
	}

	/** The requests received so far of the operations a pattern selects. */
	public long requests(String operation) {
		return this.requests.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().matches(operation))
			.mapToLong((entry) -> entry.getValue().sum())
			.sum();
	}

	/**
	 * Client connections accepted so far: fewer than requests when clients keep them
	 * alive.
	 */
	public long connections() {
		return this.connections.sum();
	}

	/** Connections opened to the upstream so far. */
	public long upstreamConnections() {
		return this.upstreamConnections.sum();
	}

	/** Stops accepting connections and closes every open one, both ways. */
	@Override
	public void close() {
		this.closed = true;
		try {
			this.server.close();
		}
		catch (IOException ex) {
			logger.debug("Closing the fault proxy {}'s server socket", this.name, ex);
		}
		this.sockets.forEach(FaultProxy::closeQuietly);
		this.sockets.clear();
	}

	boolean isClosed() {
		return this.closed;
	}

	/** Counts the request and decides its fault, recording one that is injected. */
	@Nullable FaultKind decide(AwsOperation operation, HttpHead request) {
		this.requests.computeIfAbsent(operation, (key) -> new LongAdder()).increment();
		FaultKind fault = this.arming.take(operation);
		if (fault != null) {
			this.log.record(new InjectedFault(this.clock.instant(), this.name, operation, fault, request.startLine()));
		}
		return fault;
	}

	Socket connectUpstream() throws IOException {
		int port = (this.upstream.getPort() > 0) ? this.upstream.getPort() : 80;
		Socket socket = new Socket(this.upstream.getHost(), port);
		this.upstreamConnections.increment();
		socket.setTcpNoDelay(true);
		return track(socket);
	}

	/**
	 * Tracks a socket so that {@link #close()} closes it; closes it now if already
	 * closed.
	 */
	Socket track(Socket socket) {
		this.sockets.add(socket);
		if (this.closed) {
			closeQuietly(socket);
		}
		return socket;
	}

	void forget(Socket socket) {
		this.sockets.remove(socket);
		closeQuietly(socket);
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket client = this.server.accept();
				client.setTcpNoDelay(true);
				this.connections.increment();
				track(client);
				Thread.ofVirtual()
					.name("fault-proxy-" + this.name + "-connection")
					.start(new ProxyConnection(this, client, this.delay));
			}
			catch (IOException ex) {
				if (!this.closed) {
					logger.warn("Fault proxy {} could not accept a connection: {}", this.name, ex.toString());
				}
			}
		}
	}

	static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closing is all that is left to do with it.
		}
	}

}
