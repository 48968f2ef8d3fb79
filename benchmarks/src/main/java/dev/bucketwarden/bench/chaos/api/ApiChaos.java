package dev.bucketwarden.bench.chaos.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import dev.bucketwarden.bench.chaos.ChaosOptions;
import dev.bucketwarden.bench.chaos.MemorySampler;
import dev.bucketwarden.bench.chaos.WorkDirectory;
import dev.bucketwarden.bench.support.AgentProcess;
import dev.bucketwarden.bench.support.BenchArgs;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.support.FreePorts;

/**
 * The API agent's chaos run: concurrent clients upload (store-after-scan) and scan a
 * seeded mix of clean, infected and encrypted bodies, some of them disconnecting
 * mid-body, while on a seeded schedule clamd is killed -9 and restarted, stopped past the
 * agent's read timeout, and S3 PutObject fails through the fault proxy with each kind of
 * fault. Then every answer and every object in the upload bucket is checked against the
 * agent's promises ({@link ApiInvariants}) and the table is printed.
 */
public final class ApiChaos {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * How long the proxy holds a delayed answer: past the agent's attempt timeout
	 * ({@code bucketwarden.aws.attempt-timeout}), so the attempt times out and is
	 * retried.
	 */
	private static final Duration DELAY = Duration.ofSeconds(8);

	private static final Duration AGENT_START = Duration.ofMinutes(3);

	private static final String AGENT = "API agent";

	private static final Duration MEMORY_SAMPLES = Duration.ofMillis(500);

	private static final Duration RUN_LIMIT = Duration.ofMinutes(40);

	/** The most clean uploads sent after the load for faults that had not fired yet. */
	private static final int TOP_UP = 50;

	private static final int CLIENT_TIMEOUT_MILLIS = 120_000;

	private final ChaosOptions options;

	private final PrintStream out;

	private final int requests;

	private final int clients;

	private final String heap;

	private final long rssLimit;

	private final List<String> faultLog = Collections.synchronizedList(new ArrayList<>());

	private final Map<String, Integer> engineFaults = Collections.synchronizedMap(new TreeMap<>());

	private ApiChaos(ChaosOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
		int requests = options.shortRun() ? 300 : 3000;
		int clients = 8;
		String heap = "256m";
		long rssLimitMiB = 768;
		List<String> rest = options.rest();
		for (int i = 0; i + 1 < rest.size(); i++) {
			String value = rest.get(i + 1);
			switch (rest.get(i)) {
				case "--api-requests" -> requests = BenchArgs.number("--api-requests", value, 10, 1_000_000);
				case "--api-clients" -> clients = BenchArgs.number("--api-clients", value, 1, 64);
				case "--api-heap" -> heap = BenchArgs.heap("--api-heap", value);
				case "--api-rss-limit-mib" -> rssLimitMiB = BenchArgs.number("--api-rss-limit-mib", value, 64, 65536);
				default -> {
					continue;
				}
			}
			i++;
		}
		this.requests = requests;
		this.clients = clients;
		this.heap = heap;
		this.rssLimit = rssLimitMiB << 20;
	}

	/** Runs the part; returns the number of violations it found. */
	public static long run(ChaosOptions options) {
		ApiChaos chaos = new ApiChaos(options, System.out);
		try {
			return chaos.execute();
		}
		catch (RuntimeException ex) {
			System.out.println("API agent: the run could not complete: " + ex.getMessage());
			ex.printStackTrace(System.err);
			return 1;
		}
	}

	private long execute() {
		Path dir = this.options.workDir().resolve("api");
		int each = this.options.shortRun() ? 1 : 3;
		this.out.printf("%nAPI agent under faults: %d requests, %d clients, heap %s, seed %d%n", this.requests,
				this.clients, this.heap, this.options.seed());
		WorkDirectory.fresh(dir);
		List<PlannedRequest> plan = UploadMix.plan(this.options.seed(), this.requests);
		List<FaultPlan.Step> schedule = FaultPlan.plan(this.options.seed(), this.requests, each, READ_TIMEOUT);
		schedule.forEach((step) -> this.out.println("  scheduled: " + step));
		this.out.println("Starting clamd, S3Mock, DynamoDB Local and the OIDC server in " + dir + " ...");
		try (ApiChaosStack stack = ApiChaosStack.start(dir.resolve("stack"), this.clients);
				S3Faults faults = S3Faults.start(stack.s3mock.endpoint(), DELAY, dir.resolve("faults.log"))) {
			int port = FreePorts.next();
			Path jar = BenchArgs.repositoryRoot().resolve("api-agent/target/api-agent.jar");
			if (!Files.isRegularFile(jar)) {
				throw new IllegalStateException("No API agent jar at " + jar + " (bin/chaos builds it)");
			}
			this.out.printf("Starting the API agent (-Xmx%s) on 127.0.0.1:%d, S3 through the fault proxy at %s ...%n",
					this.heap, port, faults.endpoint());
			Map<String, String> properties = stack.agentProperties(port, this.clients, faults.endpoint().toString(),
					READ_TIMEOUT, ATTEMPT_TIMEOUT);
			try (AgentProcess agent = AgentProcess.start(jar, List.of("-Xmx" + this.heap), properties,
					dir.resolve("api-agent.log"))) {
				awaitReady(agent, port);
				List<Exchange> exchanges;
				MemorySamples memory;
				try (MemorySampler sampler = MemorySampler.start(() -> Map.of(AGENT, agent.pid()), MEMORY_SAMPLES)) {
					exchanges = drive(plan, schedule, stack, faults, port);
					exchanges = topUp(exchanges, agent, stack, faults, port);
					String exit = agent.isAlive() ? null : "the JVM exited; the end of its log:\n" + agent.logTail();
					memory = MemorySamples.of(sampler.peaks().get(AGENT), heapBytes(this.heap), this.rssLimit, exit);
				}
				faults.disarm();
				// A PutObject whose answer the proxy held past the agent's timeout may
				// still be landing: let it, so the bucket is read as it will stay.
				sleep(DELAY.plusSeconds(1));
				Map<String, String> storedBeforeRetries = stored(stack);
				List<Exchange> retries = retry(exchanges, stack, port);
				Map<String, String> stored = stored(stack);
				List<ApiInvariants.Check> checks = ApiInvariants.check(exchanges, retries, stored, memory);
				return report(exchanges, retries, faults, storedBeforeRetries, checks);
			}
		}
	}

	private List<Exchange> drive(List<PlannedRequest> plan, List<FaultPlan.Step> schedule, ApiChaosStack stack,
			S3Faults faults, int port) {
		AtomicInteger next = new AtomicInteger();
		AtomicInteger answered = new AtomicInteger();
		List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>(plan.size()));
		long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
		long started = System.nanoTime();
		Thread scheduler = Thread.ofPlatform()
			.name("api-chaos-faults")
			.start(() -> runSchedule(schedule, answered, stack, faults, deadline));
		ExecutorService workers = Executors.newFixedThreadPool(this.clients);
		try {
			for (int c = 0; c < this.clients; c++) {
				workers.execute(() -> {
					RawHttp http = new RawHttp(port, CLIENT_TIMEOUT_MILLIS);
					String token = stack.token();
					int i;
					while ((i = next.getAndIncrement()) < plan.size() && System.nanoTime() < deadline) {
						PlannedRequest request = plan.get(i);
						long sent = System.nanoTime();
						Answer answer = http.send(request, token);
						exchanges.add(new Exchange(request, answer, sent, (System.nanoTime() - sent) / 1_000_000));
						int done = answered.incrementAndGet();
						if (done % Math.max(1, plan.size() / 10) == 0) {
							this.out.printf("  %d of %d requests done (%.0f s)%n", done, plan.size(),
									(System.nanoTime() - started) / 1e9);
						}
					}
				});
			}
		}
		finally {
			workers.shutdown();
			try {
				if (!workers.awaitTermination(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
					workers.shutdownNow();
				}
				// Every step runs: a schedule that lands after the last request still
				// runs
				// (and restarts clamd) before the checks.
				scheduler.join(Duration.ofMinutes(2));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (exchanges.size() < plan.size()) {
			throw new IllegalStateException(
					"Only " + exchanges.size() + " of " + plan.size() + " requests were sent within " + RUN_LIMIT);
		}
		this.out.printf("  all %d requests done in %.1f s%n", exchanges.size(), (System.nanoTime() - started) / 1e9);
		return List.copyOf(exchanges);
	}

	/**
	 * An S3 fault armed late may find no PutObject left to fail: when clamd was down near
	 * the end, the last requests are answered 503 before any reaches S3. Then clean
	 * uploads are sent, one at a time once the agent is ready again, until every armed
	 * fault has fired (at most {@value #TOP_UP} of them): the run tests every fault kind
	 * it scheduled, whatever the timing. They are checked like the others.
	 */
	private List<Exchange> topUp(List<Exchange> exchanges, AgentProcess agent, ApiChaosStack stack, S3Faults faults,
			int port) {
		if (missingFaultKinds(faults.injectedByKind()).isEmpty()) {
			return exchanges;
		}
		awaitReady(agent, port);
		RawHttp http = new RawHttp(port, CLIENT_TIMEOUT_MILLIS);
		String token = stack.token();
		List<Exchange> all = new ArrayList<>(exchanges);
		SplittableRandom random = new SplittableRandom(this.options.seed() ^ 0x70_70L);
		int sent = 0;
		while (sent < TOP_UP && !missingFaultKinds(faults.injectedByKind()).isEmpty()) {
			int index = exchanges.size() + sent;
			ChaosBody body = ChaosBody.of(index, BodyClass.CLEAN, 1 + random.nextInt(64 << 10), random.nextLong());
			PlannedRequest request = new PlannedRequest(body, true,
					"chaos/" + this.options.seed() + "/top-up-" + sent + ".bin", -1, false);
			long started = System.nanoTime();
			Answer answer = http.send(request, token);
			all.add(new Exchange(request, answer, started, (System.nanoTime() - started) / 1_000_000));
			sent++;
		}
		this.out.printf("  %d more clean uploads until every armed S3 fault had fired%n", sent);
		return List.copyOf(all);
	}

	/**
	 * Sends every request that was answered with a 5xx again, once, now that the faults
	 * are over (clamd is back: readiness first).
	 */
	private List<Exchange> retry(List<Exchange> exchanges, ApiChaosStack stack, int port) {
		List<PlannedRequest> again = exchanges.stream()
			.filter((e) -> e.answer().status() >= 500)
			.map(Exchange::request)
			.toList();
		this.out.printf("  retrying the %d requests answered with a 5xx ...%n", again.size());
		RawHttp http = new RawHttp(port, CLIENT_TIMEOUT_MILLIS);
		String token = stack.token();
		List<Exchange> retries = new ArrayList<>();
		for (PlannedRequest request : again) {
			long sent = System.nanoTime();
			Answer answer = http.send(request, token);
			retries.add(new Exchange(request, answer, sent, (System.nanoTime() - sent) / 1_000_000));
		}
		return retries;
	}

	private void runSchedule(List<FaultPlan.Step> schedule, AtomicInteger answered, ApiChaosStack stack,
			S3Faults faults, long deadline) {
		for (FaultPlan.Step step : schedule) {
			while (answered.get() < step.afterAnswers() && System.nanoTime() < deadline) {
				sleep(Duration.ofMillis(20));
			}
			fault(step, stack, faults);
		}
	}

	private void fault(FaultPlan.Step step, ApiChaosStack stack, S3Faults faults) {
		String at = Instant.now().toString();
		switch (step.action()) {
			case CLAMD_KILL -> {
				stack.clamd.kill();
				this.faultLog
					.add(at + " clamd kill -9 (pid " + stack.clamd.pid() + "), down " + step.hold().toMillis() + " ms");
				this.engineFaults.merge("clamd kill -9 and restart", 1, Integer::sum);
				sleep(step.hold());
				stack.clamd.restart();
			}
			case CLAMD_STOP -> {
				long pid = stack.clamd.pid();
				signal("STOP", pid);
				this.faultLog.add(at + " clamd SIGSTOP (pid " + pid + ") for " + step.hold().toMillis() + " ms");
				this.engineFaults.merge("clamd SIGSTOP past the read timeout", 1, Integer::sum);
				try {
					sleep(step.hold());
				}
				finally {
					signal("CONT", pid);
				}
			}
			default -> {
				faults.arm(step.action(), step.times());
				this.faultLog.add(at + " S3 PutObject armed: " + S3Faults.kind(step.action()) + " x" + step.times());
			}
		}
	}

	private static void signal(String signal, long pid) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while signalling " + pid, ex);
		}
	}

	/**
	 * Every object in the upload bucket, read straight from S3Mock: its key and SHA-256.
	 */
	private static Map<String, String> stored(ApiChaosStack stack) {
		Map<String, String> stored = new TreeMap<>();
		try (S3Client s3 = AwsClients.s3(stack.s3mock)) {
			for (S3Object object : s3.listObjectsV2Paginator((request) -> request.bucket(UploadMix.BUCKET))
				.contents()) {
				try (InputStream content = s3
					.getObject((request) -> request.bucket(UploadMix.BUCKET).key(object.key()))) {
					MessageDigest digest = MessageDigest.getInstance("SHA-256");
					try (DigestInputStream in = new DigestInputStream(content, digest)) {
						in.transferTo(java.io.OutputStream.nullOutputStream());
					}
					stored.put(object.key(), HexFormat.of().formatHex(digest.digest()));
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Cannot read back " + object.key(), ex);
				}
				catch (NoSuchAlgorithmException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return stored;
	}

	private long report(List<Exchange> exchanges, List<Exchange> retries, S3Faults faults, Map<String, String> stored,
			List<ApiInvariants.Check> checks) {
		PrintStream o = this.out;
		o.println();
		o.println("API agent: requests by outcome");
		Map<String, Integer> outcomes = new TreeMap<>();
		for (Exchange exchange : exchanges) {
			String what = (exchange.request().upload() ? "upload " : "scan ") + exchange.request().body().type();
			outcomes.merge(String.format(Locale.ROOT, "%-22s %s", what, exchange.outcome()), 1, Integer::sum);
		}
		o.println("| request, body | outcome | count |");
		o.println("|---|---|---:|");
		outcomes.forEach(
				(key, count) -> o.printf("| %s | %s | %d |%n", key.substring(0, 22).strip(), key.substring(23), count));
		o.println();
		o.println("Faults (with their times):");
		this.faultLog.forEach((line) -> o.println("  " + line));
		faults.injected()
			.forEach((fault) -> o.println("  " + fault.at() + " S3 injected " + fault.kind() + " on "
					+ fault.operation() + ": " + fault.requestLine()));
		o.println("| fault | count |");
		o.println("|---|---:|");
		this.engineFaults.forEach((kind, count) -> o.printf("| %s | %d |%n", kind, count));
		faults.injectedByKind().forEach((kind, count) -> o.printf("| S3 PutObject %s | %d |%n", kind, count));
		long serverErrors = exchanges.stream().filter((e) -> e.answer().status() >= 500).count();
		long storedAfter5xx = exchanges.stream()
			.filter((e) -> e.request().upload() && e.answer().status() >= 500 && stored.containsKey(e.request().key()))
			.count();
		o.printf("%n5xx answers: %d; objects in the upload bucket before the retries: %d, of them %d (clean) answered"
				+ " with a 5xx%n", serverErrors, stored.size(), storedAfter5xx);
		Map<String, Integer> retried = new TreeMap<>();
		retries.forEach((retry) -> retried.merge(retry.outcome(), 1, Integer::sum));
		o.println("5xx requests retried after the faults, by outcome: " + retried);
		o.println();
		o.println("| invariant | checked | violations |");
		o.println("|---|---:|---:|");
		long violations = 0;
		for (ApiInvariants.Check check : checks) {
			o.printf("| %s | %d | %d |%n", check.name(), check.checked(), check.violations().size());
			violations += check.violations().size();
		}
		for (ApiInvariants.Check check : checks) {
			check.violations().forEach((violation) -> o.println("  VIOLATION " + check.name() + ": " + violation));
		}
		List<String> missing = missingFaultKinds(faults.injectedByKind());
		if (!missing.isEmpty()) {
			o.println("  VIOLATION every fault kind injected at least once: never injected " + missing);
			violations += missing.size();
		}
		o.println("API agent violations: " + violations);
		return violations;
	}

	/**
	 * The S3 fault kinds the schedule armed that never fired: the run did not test them.
	 */
	static List<String> missingFaultKinds(Map<String, Integer> injected) {
		List<String> missing = new ArrayList<>();
		for (FaultPlan.Action action : FaultPlan.Action.values()) {
			if (action == FaultPlan.Action.CLAMD_KILL || action == FaultPlan.Action.CLAMD_STOP) {
				continue;
			}
			if (!injected.containsKey(S3Faults.kind(action).name())) {
				missing.add(S3Faults.kind(action).name());
			}
		}
		return missing;
	}

	private void awaitReady(AgentProcess agent, int port) {
		URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
		long deadline = System.nanoTime() + AGENT_START.toNanos();
		try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
			while (System.nanoTime() < deadline) {
				agent.checkAlive();
				try {
					HttpResponse<Void> response = http.send(
							HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build(),
							HttpResponse.BodyHandlers.discarding());
					if (response.statusCode() == 200) {
						return;
					}
				}
				catch (IOException ex) {
					// not listening yet
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while waiting for the API agent", ex);
				}
				sleep(Duration.ofMillis(250));
			}
		}
		throw new IllegalStateException(
				"The API agent was not ready within " + AGENT_START + "; the end of its log:\n" + agent.logTail());
	}

	static long heapBytes(String heap) {
		String value = heap.toLowerCase(Locale.ROOT);
		long number = Long.parseLong(value.replaceAll("[^0-9]", ""));
		return switch (value.charAt(value.length() - 1)) {
			case 'g' -> number << 30;
			case 'm' -> number << 20;
			case 'k' -> number << 10;
			default -> number;
		};
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
